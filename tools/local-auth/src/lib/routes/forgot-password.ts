import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import { generateVerificationCode, hashSecret } from '../passwords';
import { ForgotPasswordBody } from '../schemas';
import { jsonRoute } from './json-route';

// Cognito's validity of a password-reset code.
export const RESET_CODE_TTL_MS = 60 * 60 * 1000;

/** `POST /v1/forgot-password`: e-mails a code for `/v1/users/{user_id}/confirm-password`. */
export const forgotPassword = (context: AuthContext) =>
  jsonRoute(ForgotPasswordBody, async (body) => {
    const user = context.store.userByEmail(body.email);
    // The contract answers with the user_id, so hiding whether the user exists is not possible.
    if (!user) throw new AuthError(400, 'Username/client id combination not found.');
    if (user.status !== 'CONFIRMED') {
      throw new AuthError(
        400,
        'User password cannot be reset in the current state; confirm the account first.',
      );
    }
    const code = generateVerificationCode();
    await context.mailer.sendVerificationCode(user.email, code).catch(() => {
      throw new AuthError(503, 'Could not send the verification code e-mail; try again.');
    });
    // Stored only once the mail is out; a newer code replaces any older one.
    context.store.updateUser(user.user_id, {
      password_reset: {
        code_hash: await hashSecret(code),
        expires_at: context.now() + RESET_CODE_TTL_MS,
        attempts: 0,
      },
    });
    await context.store.save();
    return {
      email: user.email,
      user_id: user.user_id,
      status: 'PASSWORD_FORGOT_CONFIRMATION_SENT',
    };
  });
