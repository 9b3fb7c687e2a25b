import { Inject, Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AuthGuard } from './auth.guard';
import { AUTH_GUARD_OPTIONS, type ResolvedAuthGuardOptions } from './auth-guard.options';
import { AuthGuardModule } from './auth-guard.module';
import { UserinfoClient } from './userinfo.client';

const APP_CONFIG = 'APP_CONFIG';
interface AppConfig {
  AUTH_ENDPOINT: string;
  AUTH_API_KEY?: string;
  AUTH_TIMEOUT_MS: number;
  AUTH_CACHE_TTL_SECONDS: number;
}

@Module({
  providers: [
    {
      provide: APP_CONFIG,
      useValue: {
        AUTH_ENDPOINT: 'http://127.0.0.1:3100/',
        AUTH_API_KEY: 'k',
        AUTH_TIMEOUT_MS: 1500,
        AUTH_CACHE_TTL_SECONDS: 30,
      } satisfies AppConfig,
    },
  ],
  exports: [APP_CONFIG],
})
class ConfigModule {}

/** A feature service in another module that needs the client. */
@Injectable()
class ProfileService {
  constructor(@Inject(UserinfoClient) readonly client: UserinfoClient) {}
}

@Module({ providers: [ProfileService] })
class ProfileModule {}

describe('AuthGuardModule', () => {
  it('forRoot resolves the options and exposes the client and guard to other modules', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthGuardModule.forRoot({ endpoint: 'http://127.0.0.1:3100' }), ProfileModule],
    }).compile();
    expect(moduleRef.get<ResolvedAuthGuardOptions>(AUTH_GUARD_OPTIONS)).toEqual({
      endpoint: 'http://127.0.0.1:3100',
      timeoutMs: 3000,
      cacheTtlSeconds: 60,
      cacheMaxEntries: 10_000,
      negativeCacheTtlSeconds: 30,
      lookupsPerClientPerMinute: 30,
    });
    expect(moduleRef.get(ProfileService).client).toBeInstanceOf(UserinfoClient);
    expect(moduleRef.get(AuthGuard)).toBeInstanceOf(AuthGuard);
    await moduleRef.close();
  });

  it('registers the guard globally as APP_GUARD', () => {
    const dynamic = AuthGuardModule.forRoot({ endpoint: 'http://127.0.0.1:3100' });
    expect(dynamic.providers).toContainEqual({ provide: APP_GUARD, useExisting: AuthGuard });
    expect(dynamic.global).toBe(true);
  });

  it('forRootAsync builds the options from an injected app config', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthGuardModule.forRootAsync({
          imports: [ConfigModule],
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            endpoint: config.AUTH_ENDPOINT,
            apiKey: config.AUTH_API_KEY,
            timeoutMs: config.AUTH_TIMEOUT_MS,
            cacheTtlSeconds: config.AUTH_CACHE_TTL_SECONDS,
          }),
        }),
      ],
    }).compile();
    expect(moduleRef.get<ResolvedAuthGuardOptions>(AUTH_GUARD_OPTIONS)).toEqual({
      endpoint: 'http://127.0.0.1:3100',
      apiKey: 'k',
      timeoutMs: 1500,
      cacheTtlSeconds: 30,
      cacheMaxEntries: 10_000,
      negativeCacheTtlSeconds: 30,
      lookupsPerClientPerMinute: 30,
    });
    await moduleRef.close();
  });

  it('forRoot fails fast on bad options', () => {
    expect(() => AuthGuardModule.forRoot({ endpoint: '' })).toThrow(/endpoint is not a URL/);
  });
});
