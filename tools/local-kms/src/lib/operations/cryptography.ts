import { randomBytes } from 'node:crypto';
import { blobKeyId, open, seal } from '../crypto';
import { KmsError, validationError } from '../errors';
import {
  encryptionContext,
  type KmsInput,
  optionalInteger,
  optionalString,
  requiredBlob,
  requiredString,
} from '../input';
import { assertUsable, type KmsContext, keyArn, type Operation, resolveKey } from '../context';
import type { KeyRecord } from '../key-store';

// KMS's limits: Encrypt takes at most 4 KiB; its blobs stay under 6 KiB.
const MAX_PLAINTEXT_BYTES = 4096;
const MAX_CIPHERTEXT_BYTES = 6144;
const DATA_KEY_BYTES: Record<string, number> = { AES_128: 16, AES_256: 32 };

const encrypt: Operation = (input, context) => {
  const key = usableKey(input, context);
  const plaintext = requiredBlob(input, 'Plaintext', MAX_PLAINTEXT_BYTES);
  return {
    CiphertextBlob: sealWith(key, plaintext, input).toString('base64'),
    KeyId: keyArn(context, key.keyId),
    EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
  };
};

const generateDataKey: Operation = (input, context) => {
  const key = usableKey(input, context);
  const plaintext = randomBytes(dataKeyLength(input));
  return {
    CiphertextBlob: sealWith(key, plaintext, input).toString('base64'),
    Plaintext: plaintext.toString('base64'),
    KeyId: keyArn(context, key.keyId),
  };
};

/** The blob names its key, so KeyId is optional; when given it must be that key. */
const decrypt: Operation = (input, context) => {
  const blob = requiredBlob(input, 'CiphertextBlob', MAX_CIPHERTEXT_BYTES);
  const blobKey = blobKeyId(blob);
  if (blobKey === undefined) throw invalidCiphertext();
  const key = resolveKey(context, blobKey);
  const requested = optionalString(input, 'KeyId');
  if (requested !== undefined && resolveKey(context, requested).keyId !== key.keyId)
    throw new KmsError(
      'IncorrectKeyException',
      'The key ID in the request does not identify a KMS key that can perform this operation.',
    );
  assertUsable(context, key);
  const plaintext = open(blob, Buffer.from(key.material, 'base64'), encryptionContext(input));
  if (!plaintext) throw invalidCiphertext();
  return {
    KeyId: keyArn(context, key.keyId),
    Plaintext: plaintext.toString('base64'),
    EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
  };
};

function usableKey(input: KmsInput, context: KmsContext): KeyRecord {
  const key = resolveKey(context, requiredString(input, 'KeyId'));
  assertUsable(context, key);
  return key;
}

function sealWith(key: KeyRecord, plaintext: Buffer, input: KmsInput): Buffer {
  return seal(key.keyId, Buffer.from(key.material, 'base64'), plaintext, encryptionContext(input));
}

/** KMS wants exactly one of KeySpec and NumberOfBytes. */
function dataKeyLength(input: KmsInput): number {
  const keySpec = optionalString(input, 'KeySpec');
  const numberOfBytes = optionalInteger(input, 'NumberOfBytes', 1, 1024);
  if ((keySpec === undefined) === (numberOfBytes === undefined))
    throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.');
  if (numberOfBytes !== undefined) return numberOfBytes;
  const length = DATA_KEY_BYTES[keySpec ?? ''];
  if (length === undefined)
    throw validationError(
      'KeySpec',
      keySpec,
      'Member must satisfy enum value set: [AES_256, AES_128]',
    );
  return length;
}

// KMS says no more than this, whether the blob was altered or the context differs.
function invalidCiphertext(): KmsError {
  return new KmsError('InvalidCiphertextException', '');
}

export const cryptographyOperations = {
  Encrypt: encrypt,
  Decrypt: decrypt,
  GenerateDataKey: generateDataKey,
};
