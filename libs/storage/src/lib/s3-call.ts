import {
  awsErrorName,
  DependencyFailed,
  DependencyUnavailable,
  isAwsOutage,
} from '@enclave/errors';

/** What S3 answered, for an adapter method that knows what some answers mean. */
export interface S3Failure {
  /** S3's error code, e.g. `NoSuchUpload`; HeadObject's bare 404 is `NotFound`. */
  name: string;
  status?: number;
}

/** Returned by a `recover` that does not know the failure: the generic translation applies. */
export const UNKNOWN_FAILURE = Symbol('unknown S3 failure');

/**
 * Runs one S3 call and speaks the domain about its failure: first `recover`, which may turn a
 * known answer into a value or a named error; then an outage becomes DependencyUnavailable (503)
 * and anything else DependencyFailed (500). No S3 error name leaves this lib.
 */
export async function s3Call<T>(
  call: () => Promise<T>,
  recover?: (failure: S3Failure) => T | typeof UNKNOWN_FAILURE,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (recover) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata
        ?.httpStatusCode;
      const recovered = recover({ name: awsErrorName(error), status });
      if (recovered !== UNKNOWN_FAILURE) return recovered;
    }
    if (isAwsOutage(error)) throw new DependencyUnavailable('S3', error);
    throw new DependencyFailed('S3', error);
  }
}

/** The store does not implement the call (s3rver lacks ListParts and AbortMultipartUpload). */
export function isNotImplemented({ name, status }: S3Failure): boolean {
  return (
    status === 405 || status === 501 || name === 'NotImplemented' || name === 'MethodNotAllowed'
  );
}

/** S3 takes checksums base64-encoded; Enclave's API speaks hex, like sha256sum. */
export function sha256HexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

export function sha256Base64ToHex(base64: string): string {
  return Buffer.from(base64, 'base64').toString('hex');
}
