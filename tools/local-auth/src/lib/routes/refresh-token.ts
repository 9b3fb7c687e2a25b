import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import { RefreshTokenBody } from '../schemas';
import { randomToken, tokenHash } from '../tokens';
import { jsonRoute } from './json-route';

const invalidRefreshToken = (): AuthError => new AuthError(401, 'Invalid refresh token.');

/**
 * `POST /v1/refresh-token`: new ID/access tokens for the same sign-in session. The refresh token
 * is rotated, so a stolen copy stops working as soon as its owner refreshes.
 */
export const refreshToken = (context: AuthContext) =>
  jsonRoute(RefreshTokenBody, async (body) => {
    const session = context.store.sessionByRefreshHash(tokenHash(body.refresh_token));
    const now = context.now();
    if (!session || session.expires_at <= now) throw invalidRefreshToken();
    const user = context.store.userById(session.user_id);
    if (!user || user.email !== body.email) throw invalidRefreshToken();

    const refresh_token = randomToken();
    session.refresh_token_hash = tokenHash(refresh_token);
    const tokens = await context.tokens.issue(user, session.session_id, session.auth_time, now);
    await context.store.save();
    return { email: user.email, ...tokens, refresh_token };
  });
