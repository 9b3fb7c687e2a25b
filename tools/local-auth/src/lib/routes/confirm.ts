import type { AuthContext } from '../context';
import { AuthError, incorrectCredentials } from '../errors';
import {
  hashSecret,
  passwordPolicyViolation,
  verifyAgainstNobody,
  verifySecret,
} from '../passwords';
import { ConfirmBody } from '../schemas';
import { generateTotpSecret, totpUri } from '../totp';
import { jsonRoute, userIdParam } from './json-route';

/**
 * `POST /v1/users/{user_id}/confirm`: replaces the temporary password and starts TOTP enrolment,
 * returning the secret both as text and as a short-lived QR image URL.
 */
export const confirm = (context: AuthContext) =>
  jsonRoute(ConfirmBody, async (body, request) => {
    const user = context.store.userByIdAndEmail(userIdParam(request), body.email);
    if (!user) {
      await verifyAgainstNobody(body.temporary_password);
      throw incorrectCredentials();
    }
    if (!(await verifySecret(body.temporary_password, user.password_hash)))
      throw incorrectCredentials();
    if (user.status !== 'FORCE_CHANGE_PASSWORD')
      throw new AuthError(400, 'User is already confirmed.');
    if (user.password_expires_at !== null && user.password_expires_at <= context.now()) {
      throw new AuthError(
        401,
        'Temporary password has expired and must be reset by an administrator.',
      );
    }
    const violation = passwordPolicyViolation(body.new_password);
    if (violation) throw new AuthError(400, violation);

    const secret = generateTotpSecret();
    const password_hash = await hashSecret(body.new_password);
    const qrId = await context.qrCodes.add(totpUri(secret, user.email));
    // Re-checked after the awaits: of two concurrent confirmations only the first may win.
    if (user.status !== 'FORCE_CHANGE_PASSWORD')
      throw new AuthError(400, 'User is already confirmed.');
    context.store.updateUser(user.user_id, {
      status: 'CONFIRMED',
      password_hash,
      password_expires_at: null,
      mfa: { secret, status: 'PENDING' },
    });
    await context.store.save();
    return {
      email: user.email,
      user_id: user.user_id,
      qr_code_secret: secret,
      qr_code_secret_url: `${context.baseUrl()}/v1/qr/${qrId}.png`,
      status: 'ACTIVE',
    };
  });
