import type { DynamicModule, ModuleMetadata } from '@nestjs/common';
import type { EnclaveService } from '@enclave/api-contract';
import { loadConfig, type ServiceBaseConfig } from '@enclave/config';
import type * as z from 'zod/mini';
import { EnclaveServiceModule } from './enclave-service.module';

type Env = Record<string, string | undefined>;

/** A service as its entry points (HTTP server, Lambda handler, scheduled jobs) build it. */
export interface ServiceDefinition<Config extends ServiceBaseConfig = ServiceBaseConfig> {
  name: EnclaveService;
  /** Reads and validates the environment once, naming every bad variable. */
  loadConfig(env?: Env): Config;
  /** The root module: the shared service module around the service's own features. */
  module(config: Config): DynamicModule;
}

/**
 * Declares a service: its `x-enclave-service` name, its config schema (which extends
 * serviceBaseSchema), and the modules it adds to what every service shares.
 */
export function defineService<Schema extends z.ZodMiniType<ServiceBaseConfig>>(spec: {
  name: EnclaveService;
  configSchema: Schema;
  imports: (config: z.infer<Schema>) => NonNullable<ModuleMetadata['imports']>;
}): ServiceDefinition<z.infer<Schema>> {
  return {
    name: spec.name,
    loadConfig: (env = process.env) => loadConfig(spec.configSchema, env),
    module: (config) =>
      EnclaveServiceModule.forRoot({ service: spec.name, config, imports: spec.imports(config) }),
  };
}
