import {
  type DynamicModule,
  Inject,
  type MiddlewareConsumer,
  Module,
  type ModuleMetadata,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import type { EnclaveService } from '@enclave/api-contract';
import { AuthGuardModule } from '@enclave/auth-guard';
import type { ServiceBaseConfig } from '@enclave/config';
import { DependencyChecksModule } from './dependency-checks.module';
import { ContractValidationInterceptor } from '../contract/contract-validation.interceptor';
import { ProblemFilter } from '../problem.filter';
import { HealthController } from './health.controller';
import { httpMiddleware } from './http-middleware';
import type { Logger } from 'pino';
import { createServiceLogger, requestLogger, SERVICE_LOGGER } from './logging';
import { RateLimitModule } from './rate-limit';
import { SERVICE_NAME } from './service-tokens';

export interface EnclaveServiceOptions {
  service: EnclaveService;
  config: ServiceBaseConfig;
  /** The service's own modules: its features and the adapters they use. */
  imports: NonNullable<ModuleMetadata['imports']>;
}

const CORS_ORIGINS = Symbol('enclave:cors-origins');

/**
 * Everything an Enclave service shares, in one module: JSON logs, the auth guard, contract
 * validation, problem details for every error (APP_FILTER, so any way of building the app has
 * it), `/health`, security headers, CORS, body limits and rate limits. A service is this module plus its feature modules.
 */
@Module({})
export class EnclaveServiceModule implements NestModule {
  constructor(
    @Inject(CORS_ORIGINS) private readonly corsOrigins: readonly string[],
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  static forRoot(options: EnclaveServiceOptions): DynamicModule {
    const { config } = options;
    return {
      module: EnclaveServiceModule,
      imports: [
        DependencyChecksModule,
        AuthGuardModule.forRoot({
          endpoint: config.AUTH_ENDPOINT,
          apiKey: config.AUTH_API_KEY,
          timeoutMs: config.AUTH_TIMEOUT_MS,
          cacheTtlSeconds: config.AUTH_CACHE_TTL_SECONDS,
          negativeCacheTtlSeconds: config.AUTH_NEGATIVE_CACHE_TTL_SECONDS,
          lookupsPerClientPerMinute: config.AUTH_LOOKUPS_PER_CLIENT_PER_MINUTE,
        }),
        // After the auth guard's module: see RateLimitModule.
        RateLimitModule.forRoot({
          perUserPerMinute: config.RATE_LIMIT_PER_USER_PER_MINUTE,
          perClientPerMinute: config.RATE_LIMIT_PER_CLIENT_PER_MINUTE,
        }),
        ...options.imports,
      ],
      controllers: [HealthController],
      exports: [SERVICE_LOGGER],
      providers: [
        { provide: SERVICE_NAME, useValue: options.service },
        { provide: SERVICE_LOGGER, useFactory: () => createServiceLogger(config.LOG_LEVEL) },
        { provide: CORS_ORIGINS, useValue: config.CORS_ORIGINS },
        { provide: APP_INTERCEPTOR, useClass: ContractValidationInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(requestLogger(this.logger), ...httpMiddleware(this.corsOrigins))
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
