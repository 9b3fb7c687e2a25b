import { Controller, Get, Inject } from '@nestjs/common';
import { contractOperation } from '@enclave/api-contract';
import { Public } from '@enclave/auth-guard';
import { SERVICE_NAME, type ServiceName } from './service-tokens';

/** `GET /health`, public, answered by every service with its own name. */
@Controller()
export class HealthController {
  constructor(@Inject(SERVICE_NAME) private readonly service: ServiceName) {}

  @Public()
  @Get(contractOperation('getHealth').path)
  health(): { status: 'ok'; service: ServiceName } {
    return { status: 'ok', service: this.service };
  }
}
