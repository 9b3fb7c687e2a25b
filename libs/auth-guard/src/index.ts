export { AuthGuardModule, type AuthGuardModuleAsyncOptions } from './lib/auth-guard.module';
export { AuthGuard } from './lib/auth.guard';
export { UserinfoClient } from './lib/userinfo.client';
export { clientKey } from './lib/client-address';
export { CurrentUser, IS_PUBLIC_KEY, Public } from './lib/decorators';
export type { AuthenticatedRequest, AuthenticatedUser } from './lib/authenticated-user';
export {
  AUTH_CLOCK,
  AUTH_GUARD_DEFAULTS,
  AUTH_GUARD_OPTIONS,
  type AuthGuardOptions,
  type Clock,
  type ResolvedAuthGuardOptions,
  resolveAuthGuardOptions,
} from './lib/auth-guard.options';
