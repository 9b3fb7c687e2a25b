import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** The otpauth:// URI authenticator apps scan: SHA-1, 6 digits, 30 s, as the auth service uses. */
export function otpauthUri(secretBase32: string, email: string): string {
  return new TOTP({
    issuer: 'Enclave',
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  }).toString();
}

/**
 * The URI as a QR code made of text: with colours on a terminal, plain block characters
 * otherwise (a log or a pipe gets no escape codes).
 */
export function qrCodeText(uri: string, terminal: boolean): Promise<string> {
  return terminal
    ? QRCode.toString(uri, { type: 'terminal', small: true })
    : QRCode.toString(uri, { type: 'utf8' });
}

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`: easier to type into an app by hand. */
export function groupedSecret(secretBase32: string): string {
  return secretBase32.replace(/(.{4})(?=.)/g, '$1 ');
}
