import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '@enclave/errors';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from './authenticated-user';
import { readBearerToken } from './bearer';
import { clientKey } from './client-address';
import { IS_PUBLIC_KEY } from './decorators';
import { isJwtShaped } from './jwt';
import { LookupLimiter } from './lookup-limiter';
import { UserinfoCache } from './userinfo.cache';
import { UserinfoClient } from './userinfo.client';

/**
 * Authenticates every route not marked `@Public()` by asking the auth service who the bearer
 * token belongs to, and confines `{user_id}` routes to that user.
 *
 * What a bad token can cost the auth service is bounded: a token that is not JWT-shaped is
 * refused without a call; a token the service rejected is refused from memory for a while (see
 * UserinfoCache); and each client may cause only so many look-ups of uncached tokens per minute
 * (LookupLimiter), then gets 429 with Retry-After. Cached tokens never count against that.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(UserinfoClient) private readonly client: UserinfoClient,
    @Inject(UserinfoCache) private readonly cache: UserinfoCache,
    @Inject(LookupLimiter) private readonly limiter: LookupLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();

    const token = readBearerToken(request.headers.authorization);
    if (!token) {
      challenge(response, 'Bearer');
      throw new ProblemException(
        'unauthenticated',
        'Send the ID token as "Authorization: Bearer <token>".',
      );
    }

    if (!isJwtShaped(token)) {
      challenge(response, 'Bearer error="invalid_token"');
      throw new ProblemException(
        'unauthenticated',
        'The bearer token is not a JWT; send the ID token from the auth service.',
      );
    }

    let user;
    try {
      user = await this.cache.resolve(
        token,
        (t) => this.client.getUser(t),
        () => this.admitLookup(request, response),
      );
    } catch (error) {
      if (error instanceof ProblemException && error.problem.status === 401) {
        challenge(response, 'Bearer error="invalid_token"');
      }
      throw error;
    }
    (request as AuthenticatedRequest).user = user;

    const owner = (request.params as Record<string, string | undefined> | undefined)?.['user_id'];
    if (owner !== undefined && owner !== user.user_id) {
      throw new ProblemException('forbidden', 'This resource belongs to another user.');
    }
    return true;
  }

  private admitLookup(request: Request, response: Response): void {
    const retryAfterSeconds = this.limiter.take(clientKey(request));
    if (retryAfterSeconds === 0) return;
    setHeader(response, 'Retry-After', String(retryAfterSeconds));
    throw new ProblemException(
      'tooManyRequests',
      `Too many sign-in checks of unknown tokens from this client; retry in ${retryAfterSeconds} s.`,
    );
  }
}

function challenge(response: Response, value: string): void {
  setHeader(response, 'WWW-Authenticate', value);
}

// The problem filter renders the body; headers set here survive it.
function setHeader(response: Response, name: string, value: string): void {
  if (typeof response?.setHeader === 'function' && !response.headersSent) {
    response.setHeader(name, value);
  }
}
