import { PRODUCT_NAME } from '../core/product';

/**
 * The otpauth:// URI an authenticator app scans (Google's Key Uri Format), with the parameters
 * the auth service verifies codes with: SHA-1, 6 digits, 30 s.
 */
export function totpUri(secret: string, email: string, issuer = PRODUCT_NAME): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(email)}`;
  const query = new URLSearchParams({
    secret,
    issuer,
    algorithm: 'SHA1',
    digits: '6',
    period: '30',
  });
  return `otpauth://totp/${label}?${query.toString()}`;
}

/** The secret in groups of four, easier to read out and type. */
export function groupInFours(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
