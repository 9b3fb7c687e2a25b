import { createHash, randomBytes } from 'node:crypto';

/** 32 bytes from the CSPRNG: 256 bits, well past the 128 a guess would have to beat. */
const TOKEN_BYTES = 32;

/** A new share token, URL-safe (base64url, 43 characters). Shown once; only its hash is kept. */
export function newShareToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** What the shares table is keyed by: the token's SHA-256, in hex. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
