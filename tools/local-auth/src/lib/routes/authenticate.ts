import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import { InvalidTokenError, type TokenUse } from '../tokens';
import type { UserRecord } from '../users-store';

/**
 * The user a token belongs to, after checking signature, expiry, `token_use` and that its
 * sign-in session still exists (logout and password resets delete sessions). 401 otherwise.
 */
export async function authenticate(
  context: AuthContext,
  token: string,
  use: TokenUse,
): Promise<UserRecord> {
  let claims;
  try {
    claims = await context.tokens.verify(token, use, context.now());
  } catch (error) {
    if (error instanceof InvalidTokenError) throw new AuthError(401, error.message);
    throw error;
  }
  const session = context.store.session(claims.origin_jti);
  if (!session || session.user_id !== claims.sub)
    throw new AuthError(401, 'Token has been revoked');
  const user = context.store.userById(claims.sub);
  if (!user) throw new AuthError(401, 'User does not exist');
  return user;
}
