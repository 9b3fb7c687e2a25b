/** The claims the CLI reads from an ID token (unverified: the API verifies it, we only read it). */
export interface IdTokenClaims {
  sub?: string;
  email?: string;
  exp?: number;
}

export function readIdTokenClaims(token: string): IdTokenClaims {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as IdTokenClaims) : {};
  } catch {
    return {};
  }
}
