import type { Request } from 'express';

/** The caller, as the auth service described them. Shared between requests via the cache: frozen. */
export interface AuthenticatedUser {
  readonly user_id: string;
  readonly email: string | null;
  readonly name: string | null;
  readonly groups: readonly string[];
}

/** A request that passed the guard. */
export type AuthenticatedRequest = Request & { user: AuthenticatedUser };
