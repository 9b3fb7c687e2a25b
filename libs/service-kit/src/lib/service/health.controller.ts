import { Controller, Get, Inject } from '@nestjs/common';
import { contractOperation } from '@enclave/api-contract';
import { Public } from '@enclave/auth-guard';
import type { EnclaveService } from '@enclave/api-contract';
import { SERVICE_NAME } from './service-tokens';

/** `GET /health`, public, answered by every service with its own name. */
@Controller()
export class HealthController {
  constructor(@Inject(SERVICE_NAME) private readonly service: EnclaveService) {}

  @Public()
  @Get(contractOperation('getHealth').path)
  health(): { status: 'ok'; service: EnclaveService } {
    return { status: 'ok', service: this.service };
  }
}
