import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import { MfaVerifyBody } from '../schemas';
import { tokenHash } from '../tokens';
import { matchTotp } from '../totp';
import { jsonRoute } from './json-route';
import { openSignInSession } from './sign-in-session';

// Wrong codes a challenge survives before the password has to be entered again.
const MAX_FAILED_ATTEMPTS = 3;

const invalidSession = (): AuthError =>
  new AuthError(401, 'Invalid session for the user, session is expired.');

/** `POST /v1/mfa-verify`: answers the login challenge with a TOTP code and returns the tokens. */
export const mfaVerify = (context: AuthContext) =>
  jsonRoute(MfaVerifyBody, async (body) => {
    const sessionHash = tokenHash(body.verification_session);
    const challenge = context.store.challenge(sessionHash);
    const now = context.now();
    if (!challenge || challenge.expires_at <= now) throw invalidSession();
    const user = context.store.userById(challenge.user_id);
    if (!user || user.email !== body.email) throw invalidSession();
    if (user.mfa?.status !== 'CONFIRMED') throw invalidSession();

    const step = matchTotp(user.mfa.secret, user.email, body.otp_code, now);
    // RFC 6238 §5.2: a code accepted once must not sign anyone in again.
    if (step === undefined || (user.last_totp_step !== null && step <= user.last_totp_step)) {
      challenge.failed_attempts += 1;
      if (challenge.failed_attempts >= MAX_FAILED_ATTEMPTS)
        context.store.deleteChallenge(sessionHash);
      await context.store.save();
      throw new AuthError(401, 'Invalid code received for user.');
    }
    context.store.deleteChallenge(sessionHash);
    context.store.updateUser(user.user_id, { last_totp_step: step });
    return openSignInSession(context, user);
  });
