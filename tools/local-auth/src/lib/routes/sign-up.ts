import { randomUUID } from 'node:crypto';
import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import { generateTemporaryPassword, hashSecret } from '../passwords';
import { SignUpBody } from '../schemas';
import { DuplicateUserError } from '../users-store';
import { jsonRoute } from './json-route';

// Cognito's default validity of an administrator-set temporary password.
export const TEMPORARY_PASSWORD_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** `POST /v1/users`: creates the user and e-mails a temporary password. */
export const signUp = (context: AuthContext) =>
  jsonRoute(SignUpBody, async (body) => {
    const temporaryPassword = generateTemporaryPassword();
    const password_hash = await hashSecret(temporaryPassword);
    const user_id = randomUUID();
    try {
      context.store.insertUser({
        user_id,
        email: body.email,
        name: body.full_name,
        phone_number: body.mobile_phone_number,
        groups: [],
        status: 'FORCE_CHANGE_PASSWORD',
        password_hash,
        password_expires_at: context.now() + TEMPORARY_PASSWORD_TTL_MS,
        mfa: null,
        last_totp_step: null,
        password_reset: null,
        created_at: context.now(),
      });
    } catch (error) {
      if (error instanceof DuplicateUserError)
        throw new AuthError(400, 'An account with the given email already exists.');
      throw error;
    }
    // A user who never receives the password could never sign in: undo the sign-up instead.
    try {
      await context.mailer.sendTemporaryPassword(body.email, body.full_name, temporaryPassword);
    } catch {
      context.store.deleteUser(user_id);
      throw new AuthError(503, 'Could not send the temporary password e-mail; try again.');
    }
    await context.store.save();
    return { email: body.email, user_id, status: 'CREATED' };
  });
