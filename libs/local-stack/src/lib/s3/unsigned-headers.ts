import type { IncomingHttpHeaders } from 'node:http';
import type { S3Error } from './s3-error';

/**
 * S3 refuses a signed request carrying an `x-amz-*` header its signature does not cover:
 * 403 AccessDenied, "There were headers present in the request which were not signed", the
 * names in HeadersNotSigned. On a presigned request S3 lets x-amz-content-sha256 alone go
 * unsigned (the payload hash, which the JS SDK puts in the query anyway); a header-signed
 * request must sign it too. `x-amzn-*` (trace ids) is another prefix and never checked.
 */
export function unsignedAmzHeaders(
  headers: IncomingHttpHeaders,
  signedHeaders: readonly string[],
  presigned: boolean,
): S3Error | undefined {
  const signed = new Set(signedHeaders.map((name) => name.toLowerCase()));
  const unsigned = Object.keys(headers).filter(
    (name) =>
      name.startsWith('x-amz-') &&
      !signed.has(name) &&
      !(presigned && name === 'x-amz-content-sha256'),
  );
  if (unsigned.length === 0) return undefined;
  return {
    status: 403,
    code: 'AccessDenied',
    message: 'There were headers present in the request which were not signed',
    details: { HeadersNotSigned: unsigned.join(', ') },
  };
}
