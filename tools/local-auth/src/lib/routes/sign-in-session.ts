import { randomUUID } from 'node:crypto';
import type { AuthContext } from '../context';
import { randomToken, tokenHash } from '../tokens';
import type { UserRecord } from '../users-store';

// Cognito's default refresh-token validity.
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface TokenResponse {
  id_token: string;
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

/**
 * Opens a sign-in session: a refresh token plus ID/access tokens that name the session in
 * `origin_jti`, so a logout that deletes the session kills every token minted from it.
 */
export async function openSignInSession(
  context: AuthContext,
  user: UserRecord,
): Promise<TokenResponse> {
  const now = context.now();
  const refresh_token = randomToken();
  const session_id = randomUUID();
  context.store.prune(now);
  context.store.addSession({
    session_id,
    user_id: user.user_id,
    refresh_token_hash: tokenHash(refresh_token),
    auth_time: now,
    expires_at: now + REFRESH_TOKEN_TTL_MS,
  });
  const tokens = await context.tokens.issue(user, session_id, now, now);
  await context.store.save();
  return { ...tokens, refresh_token };
}
