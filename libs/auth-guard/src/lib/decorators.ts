import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { AuthenticatedRequest, AuthenticatedUser } from './authenticated-user';

export const IS_PUBLIC_KEY = 'enclave:auth-guard:public';

/** Marks a route or a whole controller (health, public share pages) as open to anyone. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);

/** The caller the guard authenticated. Using it on a `@Public()` route is a programming error. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => {
    const user = context.switchToHttp().getRequest<Partial<AuthenticatedRequest>>().user;
    if (!user)
      throw new Error('@CurrentUser() used on a route the auth guard did not authenticate');
    return user;
  },
);
