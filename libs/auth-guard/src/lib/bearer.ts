// RFC 6750 b64token: anything else (spaces, quotes, control characters) is malformed.
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const BEARER = /^Bearer +(\S+)$/i;

export function isBearerToken(token: string): boolean {
  return B64TOKEN.test(token);
}

/** The token from `Authorization: Bearer <token>`, or undefined when absent or malformed. */
export function readBearerToken(header: string | undefined): string | undefined {
  const token = header?.trim().match(BEARER)?.[1];
  return token && isBearerToken(token) ? token : undefined;
}
