interface S3LikeError {
  name?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Nothing stored under the key (HeadObject answers a bare 404). */
export function isMissing(error: unknown): boolean {
  const e = error as S3LikeError;
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

/** The multipart upload is gone: completed, aborted, or never existed. */
export function isNoSuchUpload(error: unknown): boolean {
  return (error as S3LikeError).name === 'NoSuchUpload';
}

/** The store does not implement the call (s3rver lacks ListParts and AbortMultipartUpload). */
export function isNotImplemented(error: unknown): boolean {
  const e = error as S3LikeError;
  const status = e.$metadata?.httpStatusCode;
  return (
    status === 405 || status === 501 || e.name === 'NotImplemented' || e.name === 'MethodNotAllowed'
  );
}

/** S3 takes checksums base64-encoded; Enclave's API speaks hex, like sha256sum. */
export function sha256HexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

export function sha256Base64ToHex(base64: string): string {
  return Buffer.from(base64, 'base64').toString('hex');
}
