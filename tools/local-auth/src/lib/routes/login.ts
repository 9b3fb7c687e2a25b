import type { AuthContext } from '../context';
import { AuthError, incorrectCredentials } from '../errors';
import { verifyAgainstNobody, verifySecret } from '../passwords';
import { LoginBody } from '../schemas';
import { randomToken, tokenHash } from '../tokens';
import { jsonRoute } from './json-route';
import { openSignInSession } from './sign-in-session';

// Cognito's authentication session lasts 3 minutes.
export const MFA_CHALLENGE_TTL_MS = 3 * 60 * 1000;

/**
 * `POST /v1/login`: checks the password; with confirmed MFA it answers a single-use challenge
 * session for `/v1/mfa-verify`, otherwise the tokens themselves.
 */
export const login = (context: AuthContext) =>
  jsonRoute(LoginBody, async (body) => {
    const user = context.store.userByEmail(body.email);
    if (!user) {
      await verifyAgainstNobody(body.password);
      throw incorrectCredentials();
    }
    if (!(await verifySecret(body.password, user.password_hash))) throw incorrectCredentials();
    if (user.status === 'FORCE_CHANGE_PASSWORD') {
      throw new AuthError(
        400,
        `Confirm the account first: POST /v1/users/${user.user_id}/confirm with the temporary password and a new one.`,
      );
    }
    if (user.mfa?.status !== 'CONFIRMED') {
      return { email: user.email, ...(await openSignInSession(context, user)) };
    }
    const verification_session = randomToken();
    const now = context.now();
    context.store.prune(now);
    context.store.addChallenge({
      session_hash: tokenHash(verification_session),
      user_id: user.user_id,
      expires_at: now + MFA_CHALLENGE_TTL_MS,
      failed_attempts: 0,
    });
    await context.store.save();
    return { email: user.email, verification_session, verification_type: 'SOFTWARE_TOKEN_MFA' };
  });
