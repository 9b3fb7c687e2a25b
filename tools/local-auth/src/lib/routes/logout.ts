import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import { LogoutBody } from '../schemas';
import { authenticate } from './authenticate';
import { jsonRoute } from './json-route';

/**
 * `POST /v1/logout`: like Cognito's GlobalSignOut, ends every sign-in session of the user, so
 * all ID, access and refresh tokens issued so far stop working; later sign-ins are unaffected.
 */
export const logout = (context: AuthContext) =>
  jsonRoute(LogoutBody, async (body) => {
    const user = await authenticate(context, body.access_token, 'access');
    if (user.email !== body.email)
      throw new AuthError(401, 'Access token does not belong to this user');
    context.store.deleteSessionsOf(user.user_id);
    await context.store.save();
    return { user_status: 'logout' };
  });
