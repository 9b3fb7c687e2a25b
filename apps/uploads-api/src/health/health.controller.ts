import { Controller } from '@nestjs/common';
import { Public } from '@enclave/auth-guard';
import { ContractRoute } from '@enclave/service-kit';

@Controller()
export class HealthController {
  @Public()
  @ContractRoute('getHealth')
  health(): { status: 'ok'; service: string } {
    return { status: 'ok', service: 'uploads' };
  }
}
