import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { timingSafeEqual } from 'node:crypto';
import { headerValue, type IncomingSignedRequest } from './presigned-request';
import type { S3Error } from './s3-error';

/** Secret access key for an access key id, or undefined when the key is unknown. */
export type SecretLookup = (accessKeyId: string) => string | undefined;

/** What both ways of signing (query and Authorization header) share: the verdicts and the signer. */
export const mismatch: S3Error = {
  status: 403,
  code: 'SignatureDoesNotMatch',
  message:
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
};

export const unknownAccessKey: S3Error = {
  status: 403,
  code: 'InvalidAccessKeyId',
  message: 'The AWS Access Key Id you provided does not exist in our records.',
};

export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The values the request carries for the headers its signature names. A signed header the
 * request lacks is left out: the signature cannot be reproduced then, and fails, as on S3.
 */
export function signedHeaderValues(
  request: IncomingSignedRequest,
  names: readonly string[],
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of names) {
    const value = headerValue(request.headers, name);
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

/** A signer for S3's flavour of SigV4, with the secret of the request's access key. */
export function s3Signer(
  scope: { accessKeyId: string; secretAccessKey: string; region: string; service: string },
  options: { applyChecksum?: boolean } = {},
): SignatureV4 {
  return new SignatureV4({
    service: scope.service,
    region: scope.region,
    credentials: { accessKeyId: scope.accessKeyId, secretAccessKey: scope.secretAccessKey },
    sha256: Sha256,
    // S3 signs the path as the SDK encoded it, without the second encoding other services use.
    uriEscapePath: false,
    ...options,
  });
}
