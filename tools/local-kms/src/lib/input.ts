import { validationError } from './errors';

/** A request body as the SDK sends it: JSON with blobs as base64 strings. */
export type KmsInput = Record<string, unknown>;

export interface Tag {
  TagKey: string;
  TagValue: string;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function requiredString(input: KmsInput, field: string, maxLength = 2048): string {
  const value = input[field];
  if (typeof value !== 'string' || value.length === 0)
    throw validationError(field, value, 'Member must not be null');
  if (value.length > maxLength)
    throw validationError(
      field,
      value,
      `Member must have length less than or equal to ${maxLength}`,
    );
  return value;
}

export function optionalString(
  input: KmsInput,
  field: string,
  maxLength = 2048,
): string | undefined {
  return input[field] === undefined ? undefined : requiredString(input, field, maxLength);
}

export function optionalInteger(
  input: KmsInput,
  field: string,
  min: number,
  max: number,
): number | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw validationError(field, value, 'Member must be an integer');
  if (value < min)
    throw validationError(field, value, `Member must have value greater than or equal to ${min}`);
  if (value > max)
    throw validationError(field, value, `Member must have value less than or equal to ${max}`);
  return value;
}

/** A blob field; KMS bounds plaintext at 4096 bytes and ciphertext at 6144. */
export function requiredBlob(input: KmsInput, field: string, maxBytes: number): Buffer {
  const value = input[field];
  if (typeof value !== 'string' || value.length === 0)
    throw validationError(field, value, 'Member must not be null');
  if (!BASE64.test(value)) throw validationError(field, '***', 'Member must be base64 encoded');
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length > maxBytes)
    throw validationError(
      field,
      '***',
      `Member must have length less than or equal to ${maxBytes}`,
    );
  return bytes;
}

export function encryptionContext(input: KmsInput): Record<string, string> {
  const value = input['EncryptionContext'];
  if (value === undefined) return {};
  if (!isStringMap(value))
    throw validationError('EncryptionContext', value, 'Member must be a map of strings');
  return value;
}

export function tags(input: KmsInput): Tag[] {
  const value = input['Tags'];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw validationError('Tags', value, 'Member must be a list');
  return value.map((tag: unknown) => {
    const entry = (tag ?? {}) as KmsInput;
    const key = requiredString(entry, 'TagKey', 128);
    const tagValue = entry['TagValue'];
    if (typeof tagValue !== 'string' || tagValue.length > 256)
      throw validationError('TagValue', tagValue, 'Member must be a string of at most 256');
    return { TagKey: key, TagValue: tagValue };
  });
}

function isStringMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string')
  );
}
