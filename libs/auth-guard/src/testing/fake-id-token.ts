import { randomBytes } from 'node:crypto';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A token shaped like an ID token (a compact JWS with a random `jti` and a junk signature), for
 * specs with a fake auth service: the guard refuses anything that is not JWT-shaped before
 * asking, so tokens made up for tests must look like this. `claims` go into the payload.
 */
export function fakeIdToken(claims: Record<string, unknown> = {}): string {
  const header = b64url({ alg: 'RS256', typ: 'JWT' });
  const payload = b64url({ jti: randomBytes(12).toString('base64url'), ...claims });
  return `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
}
