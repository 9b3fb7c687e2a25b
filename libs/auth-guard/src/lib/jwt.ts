const SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * Longer than any ID token a user pool issues (Cognito's are 1–4 kB, even with many groups and
 * custom attributes): a bearer beyond this is junk, and is refused without a look-up.
 */
export const MAX_TOKEN_LENGTH = 8192;

/** A base64url segment decoded as a JSON object, or undefined. */
function jsonObjectSegment(segment: string): Record<string, unknown> | undefined {
  if (!SEGMENT.test(segment)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Whether `token` can be a JWT at all (RFC 7515 compact JWS): at most MAX_TOKEN_LENGTH, three
 * base64url segments, a JSON header naming its `alg` and a JSON claims object. The bearer Enclave
 * receives is the ID token (auth-contract.md), which is always a JWT, so anything else is refused
 * before it costs a userinfo call. Shape only: the signature is the auth service's to judge.
 */
export function isJwtShaped(token: string): boolean {
  if (token.length > MAX_TOKEN_LENGTH) return false;
  const parts = token.split('.');
  if (parts.length !== 3 || !SEGMENT.test(parts[2])) return false;
  const header = jsonObjectSegment(parts[0]);
  return typeof header?.['alg'] === 'string' && jsonObjectSegment(parts[1]) !== undefined;
}

/**
 * The `exp` claim (seconds since the epoch) of a JWT, decoded WITHOUT verifying the signature:
 * it only bounds how long we reuse the auth service's answer, never grants anything. Undefined
 * for opaque tokens and for payloads without a numeric `exp`.
 */
export function jwtExpiry(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const exp = jsonObjectSegment(parts[1])?.['exp'];
  return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
}
