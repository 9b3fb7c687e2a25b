import type { S3Error } from './s3-error';
import { headerValue, type IncomingSignedRequest, isPresignedV4 } from './presigned-request';
import { verifyHeaderSignedV4 } from './verify-header-signed';
import { type SecretLookup, verifyPresignedV4 } from './verify-presigned';

const anonymous: S3Error = { status: 403, code: 'AccessDenied', message: 'Access Denied' };

/**
 * S3's authentication of any request but a CORS preflight: SigV4 in the query (presigned) or in
 * the Authorization header, never both; an unsigned request is anonymous, and Enclave's bucket
 * grants anonymous callers nothing (AccessDenied). Only AWS4-HMAC-SHA256 is understood, as in
 * every region opened since 2014.
 */
export async function verifyRequest(
  request: IncomingSignedRequest,
  secretFor: SecretLookup,
  now: Date = new Date(),
): Promise<S3Error | undefined> {
  const authorization = headerValue(request.headers, 'authorization');
  const presigned = isPresignedV4(request.url);
  if (presigned && authorization !== undefined) {
    return {
      status: 400,
      code: 'InvalidArgument',
      message:
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      details: { ArgumentName: 'Authorization', ArgumentValue: authorization },
    };
  }
  if (presigned) return verifyPresignedV4(request, secretFor, now);
  if (authorization === undefined) return anonymous;
  if (!/^AWS4-HMAC-SHA256\s/.test(authorization.trim())) {
    return {
      status: 400,
      code: 'InvalidRequest',
      message:
        'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.',
    };
  }
  return verifyHeaderSignedV4(request, secretFor, now);
}
