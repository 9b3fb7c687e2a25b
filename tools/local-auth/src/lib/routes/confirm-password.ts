import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import { hashSecret, passwordPolicyViolation, verifySecret } from '../passwords';
import { ConfirmPasswordBody } from '../schemas';
import { jsonRoute, userIdParam } from './json-route';

// A 6-digit code falls to guessing without a cap; after this many tries a new code is needed.
const MAX_ATTEMPTS = 5;

const invalidCode = (): AuthError =>
  new AuthError(401, 'Invalid verification code provided, please try again.');

/** `POST /v1/users/{user_id}/confirm-password`: sets a new password with the e-mailed code. */
export const confirmPassword = (context: AuthContext) =>
  jsonRoute(ConfirmPasswordBody, async (body, request) => {
    const user = context.store.userByIdAndEmail(userIdParam(request), body.email);
    if (!user) throw new AuthError(400, 'Username/client id combination not found.');
    const reset = user.password_reset;
    if (!reset || reset.expires_at <= context.now()) {
      throw new AuthError(
        400,
        'No valid verification code; request a new one with /v1/forgot-password.',
      );
    }
    // Checked before the code, so a weak password does not use the code up.
    const violation = passwordPolicyViolation(body.new_password);
    if (violation) throw new AuthError(400, violation);
    // Counted before the check: parallel guesses must not all slip in under the cap.
    if (reset.attempts >= MAX_ATTEMPTS) throw invalidCode();
    reset.attempts += 1;
    const matches = await verifySecret(body.verification_code, reset.code_hash);
    // Re-read after the await: another request may have used or replaced the code meanwhile.
    if (user.password_reset !== reset) throw invalidCode();
    if (!matches) {
      if (reset.attempts >= MAX_ATTEMPTS)
        context.store.updateUser(user.user_id, { password_reset: null });
      await context.store.save();
      throw invalidCode();
    }
    context.store.updateUser(user.user_id, { password_reset: null });
    context.store.updateUser(user.user_id, { password_hash: await hashSecret(body.new_password) });
    // Whoever knew the old password may hold tokens: a reset ends every existing session.
    context.store.deleteSessionsOf(user.user_id);
    await context.store.save();
    return { status: 'NEW_PASSWORD_SET_SUCCESSFULLY' };
  });
