import { Global, Module } from '@nestjs/common';
import { DependencyChecks } from '@enclave/errors';

/** The service's one DependencyChecks, global so every adapter module can register its probe. */
@Global()
@Module({ providers: [DependencyChecks], exports: [DependencyChecks] })
export class DependencyChecksModule {}
