/**
 * How S3 encrypts an object at rest: with its own keys (SSE-S3, AES-256) or with a KMS key
 * (SSE-KMS), named by id or ARN. Chosen by the deployment's KMS_MODE; per_user names the
 * uploader's own key.
 */
export type ObjectEncryption = { kind: 'AES256' } | { kind: 'aws:kms'; kmsKeyId: string };

export const SSE_HEADERS = [
  'x-amz-server-side-encryption',
  'x-amz-server-side-encryption-aws-kms-key-id',
] as const;

/** The request headers that ask S3 for `encryption`, as S3 names them. */
export function encryptionHeaders(encryption: ObjectEncryption): Record<string, string> {
  if (encryption.kind === 'AES256') return { 'x-amz-server-side-encryption': 'AES256' };
  return {
    'x-amz-server-side-encryption': 'aws:kms',
    'x-amz-server-side-encryption-aws-kms-key-id': encryption.kmsKeyId,
  };
}

/** The same, as the SDK's command input takes it. */
export function encryptionParameters(encryption: ObjectEncryption): {
  ServerSideEncryption: 'AES256' | 'aws:kms';
  SSEKMSKeyId?: string;
} {
  return encryption.kind === 'AES256'
    ? { ServerSideEncryption: 'AES256' }
    : { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: encryption.kmsKeyId };
}
