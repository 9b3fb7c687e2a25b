import {
  type DynamicModule,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type OptionalFactoryDependency,
  type Provider,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import {
  AUTH_CLOCK,
  AUTH_GUARD_OPTIONS,
  type AuthGuardOptions,
  type Clock,
  resolveAuthGuardOptions,
} from './auth-guard.options';
import { LookupLimiter } from './lookup-limiter';
import { UserinfoCache } from './userinfo.cache';
import { UserinfoClient } from './userinfo.client';

export interface AuthGuardModuleAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  useFactory: (...args: never[]) => AuthGuardOptions | Promise<AuthGuardOptions>;
}

/**
 * Import once in an app's root module: every route then requires a bearer token unless marked
 * `@Public()`. Options come from the app's typed config; this lib never reads the environment.
 */
@Module({})
export class AuthGuardModule {
  static forRoot(options: AuthGuardOptions): DynamicModule {
    return AuthGuardModule.build({
      provide: AUTH_GUARD_OPTIONS,
      useValue: resolveAuthGuardOptions(options),
    });
  }

  static forRootAsync(options: AuthGuardModuleAsyncOptions): DynamicModule {
    const factory = options.useFactory as (
      ...args: unknown[]
    ) => ReturnType<typeof options.useFactory>;
    return AuthGuardModule.build(
      {
        provide: AUTH_GUARD_OPTIONS,
        inject: options.inject ?? [],
        useFactory: async (...args: unknown[]) => resolveAuthGuardOptions(await factory(...args)),
      },
      options.imports,
    );
  }

  private static build(
    optionsProvider: Provider,
    imports: ModuleMetadata['imports'] = [],
  ): DynamicModule {
    const clock: Clock = () => Date.now();
    return {
      module: AuthGuardModule,
      global: true,
      imports,
      providers: [
        optionsProvider,
        { provide: AUTH_CLOCK, useValue: clock },
        UserinfoClient,
        UserinfoCache,
        LookupLimiter,
        AuthGuard,
        { provide: APP_GUARD, useExisting: AuthGuard },
      ],
      exports: [UserinfoClient, AuthGuard],
    };
  }
}
