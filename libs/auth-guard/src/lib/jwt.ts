const SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * The `exp` claim (seconds since the epoch) of a JWT, decoded WITHOUT verifying the signature:
 * it only bounds how long we reuse the auth service's answer, never grants anything. Undefined
 * for opaque tokens and for payloads without a numeric `exp`.
 */
export function jwtExpiry(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !SEGMENT.test(parts[1])) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!payload || typeof payload !== 'object') return undefined;
  const exp = (payload as { exp?: unknown }).exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
}
