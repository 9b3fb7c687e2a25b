import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ProblemException } from '@enclave/errors';
import type { Request, Response } from 'express';
import type { AuthenticatedRequest } from './authenticated-user';
import { readBearerToken } from './bearer';
import { IS_PUBLIC_KEY } from './decorators';
import { UserinfoCache } from './userinfo.cache';
import { UserinfoClient } from './userinfo.client';

/**
 * Authenticates every route not marked `@Public()` by asking the auth service who the bearer
 * token belongs to, and confines `{user_id}` routes to that user.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(UserinfoClient) private readonly client: UserinfoClient,
    @Inject(UserinfoCache) private readonly cache: UserinfoCache,
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

    let user;
    try {
      user = await this.cache.resolve(token, (t) => this.client.getUser(t));
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
}

function challenge(response: Response, value: string): void {
  if (typeof response?.setHeader === 'function' && !response.headersSent) {
    response.setHeader('WWW-Authenticate', value);
  }
}
