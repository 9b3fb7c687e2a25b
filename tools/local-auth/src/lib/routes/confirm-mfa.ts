import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import { ConfirmMfaBody } from '../schemas';
import { matchTotp } from '../totp';
import { jsonRoute, userIdParam } from './json-route';

/** `POST /v1/users/{user_id}/confirm-mfa`: proves the authenticator app holds the secret. */
export const confirmMfa = (context: AuthContext) =>
  jsonRoute(ConfirmMfaBody, async (body, request) => {
    const user = context.store.userByIdAndEmail(userIdParam(request), body.email);
    if (!user) throw new AuthError(401, 'Incorrect username or user id.');
    if (!user.mfa)
      throw new AuthError(400, 'Confirm the account with its temporary password first.');
    if (user.mfa.status === 'CONFIRMED') throw new AuthError(400, 'MFA is already confirmed.');
    if (matchTotp(user.mfa.secret, user.email, body.otp, context.now()) === undefined) {
      throw new AuthError(401, 'Invalid code received for user.');
    }
    context.store.updateUser(user.user_id, { mfa: { ...user.mfa, status: 'CONFIRMED' } });
    await context.store.save();
    return { email: user.email, user_id: user.user_id, mfa_status: 'CONFIRMED' };
  });
