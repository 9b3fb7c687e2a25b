import type { RequestHandler } from 'express';
import type { AuthContext } from '../context';
import { AuthError } from '../errors';
import { authenticate } from './authenticate';

/** `GET /v1/userinfo`: who the bearer of an ID token is; what Enclave's guard relies on. */
export const userinfo =
  (context: AuthContext): RequestHandler =>
  async (request, response) => {
    const match = /^Bearer ([A-Za-z0-9_.~+/=-]+)$/.exec(request.get('authorization') ?? '');
    if (!match?.[1]) throw new AuthError(401, 'Missing or malformed Authorization header');
    const user = await authenticate(context, match[1], 'id');
    // A token is a credential: keep it out of every cache between here and the caller.
    response.set('Cache-Control', 'no-store').json({
      user_id: user.user_id,
      email: user.email,
      name: user.name ?? null,
      phone_number: user.phone_number ?? null,
      groups: user.groups,
    });
  };
