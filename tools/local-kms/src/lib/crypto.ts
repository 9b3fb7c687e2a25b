import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Ciphertext blob: version (1 byte) | key id (36 ASCII bytes, a uuid) | IV (12) | GCM tag (16) |
 * ciphertext. Real KMS blobs also carry the key, so Decrypt needs no KeyId; ours are not
 * compatible with real KMS and need not be. The key id and the encryption context are
 * authenticated as AAD, so changing either makes Decrypt fail.
 */
const VERSION = 1;
const KEY_ID_BYTES = 36;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + KEY_ID_BYTES + IV_BYTES + TAG_BYTES;

export const KEY_MATERIAL_BYTES = 32;

export function newKeyMaterial(): Buffer {
  return randomBytes(KEY_MATERIAL_BYTES);
}

export function seal(
  keyId: string,
  material: Buffer,
  plaintext: Buffer,
  context: Record<string, string>,
): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', material, iv);
  cipher.setAAD(additionalData(keyId, context));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const idBytes = Buffer.from(keyId, 'ascii');
  if (idBytes.length !== KEY_ID_BYTES) throw new Error(`key id ${keyId} is not a uuid`);
  return Buffer.concat([Buffer.from([VERSION]), idBytes, iv, cipher.getAuthTag(), ciphertext]);
}

/** The key id a blob names, or undefined when the bytes are not one of our blobs. */
export function blobKeyId(blob: Buffer): string | undefined {
  if (blob.length < HEADER_BYTES || blob[0] !== VERSION) return undefined;
  return blob.subarray(1, 1 + KEY_ID_BYTES).toString('ascii');
}

/** The plaintext, or undefined when the blob was altered or the context differs. */
export function open(
  blob: Buffer,
  material: Buffer,
  context: Record<string, string>,
): Buffer | undefined {
  const keyId = blobKeyId(blob);
  if (keyId === undefined) return undefined;
  let offset = 1 + KEY_ID_BYTES;
  const iv = blob.subarray(offset, (offset += IV_BYTES));
  const tag = blob.subarray(offset, (offset += TAG_BYTES));
  try {
    const decipher = createDecipheriv('aes-256-gcm', material, iv);
    decipher.setAAD(additionalData(keyId, context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(blob.subarray(offset)), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** Key order must not matter: KMS treats the context as an unordered map. */
function additionalData(keyId: string, context: Record<string, string>): Buffer {
  const sorted = Object.keys(context)
    .sort()
    .map((key) => [key, context[key]]);
  return Buffer.from(JSON.stringify([keyId, sorted]), 'utf8');
}
