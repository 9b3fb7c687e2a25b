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
import { ContractValidationInterceptor } from '../contract/contract-validation.interceptor';
import { ProblemFilter } from '../problem.filter';
import { HealthController } from './health.controller';
import { DEFAULT_MAX_BODY_BYTES, httpMiddleware } from './http-middleware';
import type { Logger } from 'pino';
import { createServiceLogger, requestLogger, SERVICE_LOGGER } from './logging';
import { SERVICE_NAME } from './service-tokens';

export interface EnclaveServiceOptions {
  service: EnclaveService;
  config: ServiceBaseConfig;
  /** The service's own modules: its features and the adapters they use. */
  imports: NonNullable<ModuleMetadata['imports']>;
  maxBodyBytes?: number;
}

const MIDDLEWARE_OPTIONS = Symbol('enclave:middleware-options');

/**
 * Everything an Enclave service shares, in one module: JSON logs, the auth guard, contract
 * validation, problem details for every error (APP_FILTER, so any way of building the app has
 * it), `/health`, CORS and body limits. A service is this module plus its feature modules.
 */
@Module({})
export class EnclaveServiceModule implements NestModule {
  constructor(
    @Inject(MIDDLEWARE_OPTIONS)
    private readonly middleware: Parameters<typeof httpMiddleware>[0],
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  static forRoot(options: EnclaveServiceOptions): DynamicModule {
    const { config } = options;
    return {
      module: EnclaveServiceModule,
      imports: [
        AuthGuardModule.forRoot({
          endpoint: config.AUTH_ENDPOINT,
          apiKey: config.AUTH_API_KEY,
          timeoutMs: config.AUTH_TIMEOUT_MS,
          cacheTtlSeconds: config.AUTH_CACHE_TTL_SECONDS,
        }),
        ...options.imports,
      ],
      controllers: [HealthController],
      exports: [SERVICE_LOGGER],
      providers: [
        { provide: SERVICE_NAME, useValue: options.service },
        { provide: SERVICE_LOGGER, useFactory: () => createServiceLogger(config.LOG_LEVEL) },
        {
          provide: MIDDLEWARE_OPTIONS,
          useValue: {
            corsOrigins: config.CORS_ORIGINS,
            maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
          },
        },
        { provide: APP_INTERCEPTOR, useClass: ContractValidationInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(requestLogger(this.logger), ...httpMiddleware(this.middleware))
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
