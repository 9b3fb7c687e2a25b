import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Enclave';

function totpFor(secretBase32: string, email: string): TOTP {
  // SHA-1, 6 digits, 30 s: the only parameters every authenticator app honours.
  return new TOTP({
    issuer: ISSUER,
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A fresh 160-bit secret in base32, the form authenticator apps accept when typed in. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI a QR code carries. */
export function totpUri(secretBase32: string, email: string): string {
  return totpFor(secretBase32, email).toString();
}

/**
 * The 30-second step a valid `otp` belongs to (accepting one step of clock drift either way),
 * or undefined. Callers use the step to refuse a code that was already used.
 */
export function matchTotp(
  secretBase32: string,
  email: string,
  otp: string,
  nowMs: number,
): number | undefined {
  const delta = totpFor(secretBase32, email).validate({ token: otp, timestamp: nowMs, window: 1 });
  if (delta === null) return undefined;
  return Math.floor(nowMs / 1000 / 30) + delta;
}
