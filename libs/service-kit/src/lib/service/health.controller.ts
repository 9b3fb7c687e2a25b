import { Controller, Get, Inject, Query } from '@nestjs/common';
import { contractOperation, type EnclaveService } from '@enclave/api-contract';
import { Public } from '@enclave/auth-guard';
import { DependencyChecks, type DependencyCheckResult, ProblemException } from '@enclave/errors';
import { SERVICE_NAME } from './service-tokens';

/** Long enough for a healthy dependency across a region, short enough for a load balancer. */
const DEEP_CHECK_TIMEOUT_MS = 2000;

interface Health {
  status: 'ok';
  service: EnclaveService;
  checks?: DependencyCheckResult[];
}

/**
 * `GET /health`, public, answered by every service with its own name; `?deep=1` also probes
 * each dependency the service uses and answers 503 naming those that did not answer.
 */
@Controller()
export class HealthController {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: EnclaveService,
    @Inject(DependencyChecks) private readonly dependencies: DependencyChecks,
  ) {}

  @Public()
  @Get(contractOperation('getHealth').path)
  async health(@Query('deep') deep?: string): Promise<Health> {
    if (deep !== '1') return { status: 'ok', service: this.service };
    const checks = await this.dependencies.run(DEEP_CHECK_TIMEOUT_MS);
    const down = checks.filter((check) => check.status !== 'ok');
    if (down.length) throw new DependenciesDown(down, checks);
    return { status: 'ok', service: this.service, checks };
  }
}

/** 503 whose body lists every check, so an operator sees what failed and what did not. */
class DependenciesDown extends ProblemException {
  constructor(down: DependencyCheckResult[], checks: DependencyCheckResult[]) {
    super('unavailable', `Unavailable: ${down.map((check) => check.dependency).join(', ')}.`);
    Object.assign(this.problem, { checks });
  }
}
