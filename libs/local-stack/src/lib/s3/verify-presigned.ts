import { HttpRequest } from '@smithy/protocol-http';
import type { S3Error } from './s3-error';
import { unsignedAmzHeaders } from './unsigned-headers';
import {
  AUTH_QUERY_PARAMS,
  canonicalS3Path,
  type IncomingSignedRequest,
  parseAmzDate,
  splitTarget,
} from './presigned-request';

import {
  mismatch,
  s3Signer,
  sameText,
  type SecretLookup,
  signedHeaderValues,
  unknownAccessKey,
} from './sigv4-parts';

export type { SecretLookup };

const MAX_EXPIRES_SECONDS = 7 * 24 * 60 * 60;
// S3 tolerates this much clock skew for a date in the future.
const MAX_SKEW_MS = 15 * 60 * 1000;

const malformed = (message: string): S3Error => ({
  status: 400,
  code: 'AuthorizationQueryParametersError',
  message,
});

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? undefined : value;

/**
 * Verifies a SigV4 query-signed (presigned) request the only way that reproduces the SDK's
 * signature exactly (measured, see ARCHITECTURE.md): presign the same request again with the
 * same secret — same method, host, canonical path, non-auth query, the headers named in
 * X-Amz-SignedHeaders with the values received, signingDate from X-Amz-Date, same expiresIn —
 * and compare. X-Amz-Content-Sha256 goes back as a *header* spelled exactly so: the signer takes
 * the payload hash from it and hoists it into the query under that spelling, as the SDK did.
 * The payload itself is not hashed: the SDK presigns with UNSIGNED-PAYLOAD.
 *
 * An `x-amz-*` header outside X-Amz-SignedHeaders is refused as S3 does (unsigned-headers.ts).
 *
 * Returns undefined when the request is genuine and unexpired, otherwise the S3 error to answer.
 */
export async function verifyPresignedV4(
  request: IncomingSignedRequest,
  secretFor: SecretLookup,
  now: Date = new Date(),
): Promise<S3Error | undefined> {
  const { path: rawPath, query } = splitTarget(request.url);
  const algorithm = single(query['X-Amz-Algorithm']);
  const credential = single(query['X-Amz-Credential']);
  const amzDate = single(query['X-Amz-Date']);
  const expires = single(query['X-Amz-Expires']);
  const signedHeaderList = single(query['X-Amz-SignedHeaders']);
  const signature = single(query['X-Amz-Signature']);
  const contentSha256 = single(query['X-Amz-Content-Sha256']);
  if (algorithm !== 'AWS4-HMAC-SHA256')
    return malformed('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  if (!credential || !amzDate || !expires || !signedHeaderList || !signature) {
    return malformed(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }

  const [accessKeyId, , region, service, terminator] = credential.split('/');
  if (!accessKeyId || !region || !service || terminator !== 'aws4_request') {
    return malformed(`Error parsing the X-Amz-Credential parameter: ${credential}`);
  }
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) return malformed(`X-Amz-Date must be in the ISO8601 Long Format: ${amzDate}`);
  const expiresIn = Number(expires);
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRES_SECONDS) {
    return malformed('X-Amz-Expires must be between 1 and 604800 seconds');
  }
  const secretAccessKey = secretFor(accessKeyId);
  if (secretAccessKey === undefined) return unknownAccessKey;
  const path = canonicalS3Path(rawPath);
  if (path === undefined) return mismatch;

  const signedHeaders = signedHeaderList.split(';');
  const headers = signedHeaderValues(request, signedHeaders);
  // The JS SDK puts the payload hash in the query; other signers (boto3, the AWS CLI) leave it
  // out, and S3 then takes UNSIGNED-PAYLOAD, which must then be neither hoisted nor signed.
  headers['X-Amz-Content-Sha256'] = contentSha256 ?? 'UNSIGNED-PAYLOAD';
  const payloadHashOnly = contentSha256 === undefined ? ['x-amz-content-sha256'] : [];

  const unsignedQuery = { ...query };
  for (const name of AUTH_QUERY_PARAMS) delete unsignedQuery[name];

  const expected = await s3Signer({ accessKeyId, secretAccessKey, region, service }).presign(
    new HttpRequest({
      method: request.method,
      protocol: 'http:',
      path,
      query: unsignedQuery,
      headers,
    }),
    {
      signingDate,
      expiresIn,
      // Sign exactly the named headers, including those the SDK normally refuses (content-type),
      // and keep x-amz-* ones as headers rather than hoisting them into the query.
      signableHeaders: new Set(signedHeaders),
      unsignableHeaders: new Set(payloadHashOnly),
      unhoistableHeaders: new Set([...signedHeaders, ...payloadHashOnly]),
    },
  );
  const expectedQuery = expected.query ?? {};
  const sameScope =
    expectedQuery['X-Amz-Credential'] === credential &&
    expectedQuery['X-Amz-SignedHeaders'] === signedHeaderList;
  const expectedSignature = single(expectedQuery['X-Amz-Signature'] ?? undefined);
  if (!sameScope || !expectedSignature || !sameText(expectedSignature, signature)) return mismatch;

  if (now.getTime() > signingDate.getTime() + expiresIn * 1000) {
    return { status: 403, code: 'AccessDenied', message: 'Request has expired' };
  }
  if (signingDate.getTime() - now.getTime() > MAX_SKEW_MS) {
    return { status: 403, code: 'AccessDenied', message: 'Request is not valid yet' };
  }
  return unsignedAmzHeaders(request.headers, signedHeaders, true);
}
