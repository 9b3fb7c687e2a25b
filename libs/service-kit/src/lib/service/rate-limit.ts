import { type DynamicModule, type ExecutionContext, Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  ThrottlerModule,
  type ThrottlerOptions,
} from '@nestjs/throttler';
import { type AuthenticatedRequest, clientKey } from '@enclave/auth-guard';
import { TooManyRequests } from '@enclave/errors';
import { RateLimitWindows } from './rate-limit-windows';

export interface RateLimits {
  perUserPerMinute: number;
  perClientPerMinute: number;
}

const MINUTE_MS = 60_000;

const signedInUser = (request: object): string | undefined =>
  (request as Partial<AuthenticatedRequest>).user?.user_id;

/**
 * Answers a limit as every other refusal is answered: a 429 problem whose Retry-After says when
 * the window frees a request (ProblemFilter sets the header from TooManyRequests).
 */
@Injectable()
class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire || detail.timeToExpire));
    throw new TooManyRequests(
      `Too many requests: at most ${detail.limit} a minute. Retry in ${seconds} s.`,
      seconds,
    );
  }
}

/**
 * Per-user and per-client request limits (@nestjs/throttler over RateLimitWindows, in memory,
 * so per instance: on
 * Lambda each concurrent instance counts on its own, and API Gateway's stage throttling is the
 * account-wide ceiling). The key is the user or address alone, not the route: the limit is on
 * the caller, whatever it calls.
 *
 * Import it after AuthGuardModule: Nest runs global guards in the order their modules are
 * scanned, and the per-user limit needs the user the auth guard has resolved. Requests the auth
 * guard refuses never reach it; its own look-up limiter bounds those.
 */
@Module({})
export class RateLimitModule {
  static forRoot(limits: RateLimits): DynamicModule {
    const throttlers: ThrottlerOptions[] = [
      {
        name: 'user',
        ttl: MINUTE_MS,
        limit: limits.perUserPerMinute,
        skipIf: (context) => !signedInUser(context.switchToHttp().getRequest<object>()),
        getTracker: (request) => signedInUser(request) ?? '',
      },
      {
        name: 'client',
        ttl: MINUTE_MS,
        limit: limits.perClientPerMinute,
        getTracker: (request) => clientKey(request),
      },
    ];
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          throttlers,
          setHeaders: false,
          storage: new RateLimitWindows(),
          generateKey: (_context, tracker, name) => `${name}:${tracker}`,
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
    };
  }
}
