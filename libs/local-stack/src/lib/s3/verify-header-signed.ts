import { HttpRequest } from '@smithy/protocol-http';
import type { S3Error } from './s3-error';
import {
  canonicalS3Path,
  headerValue,
  type IncomingSignedRequest,
  parseAmzDate,
  splitTarget,
} from './presigned-request';
import { unsignedAmzHeaders } from './unsigned-headers';
import {
  mismatch,
  s3Signer,
  sameText,
  type SecretLookup,
  signedHeaderValues,
  unknownAccessKey,
} from './sigv4-parts';

// S3 refuses a header-signed request whose date is further than this from its own clock.
const MAX_SKEW_MS = 15 * 60 * 1000;

const malformedHeader = (message: string): S3Error => ({
  status: 400,
  code: 'AuthorizationHeaderMalformed',
  message: `The authorization header is malformed; ${message}`,
});

interface ParsedAuthorization {
  credential: string;
  signedHeaders: string[];
  signature: string;
}

/** `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=a;b, Signature=…` → its three fields. */
function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const match = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(value.trim());
  if (!match) return undefined;
  const fields = new Map<string, string>();
  for (const part of (match[1] ?? '').split(',')) {
    const separator = part.indexOf('=');
    if (separator > 0)
      fields.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) return undefined;
  return { credential, signedHeaders: signedHeaders.split(';'), signature };
}

/**
 * Verifies a request signed in its Authorization header (every AWS SDK call) the way
 * verifyPresignedV4 verifies a URL: sign the same request again with the same secret — same
 * method, host, canonical path, query, the headers named in SignedHeaders with the values
 * received, signingDate from x-amz-date — and compare. The payload hash is taken from the
 * x-amz-content-sha256 header as sent (S3 requires it on every header-signed request); the
 * body itself is not hashed, so a body that does not match a hex payload hash still passes.
 *
 * Returns undefined when the request is genuine, otherwise the S3 error to answer.
 */
export async function verifyHeaderSignedV4(
  request: IncomingSignedRequest,
  secretFor: SecretLookup,
  now: Date = new Date(),
): Promise<S3Error | undefined> {
  const authorization = parseAuthorization(headerValue(request.headers, 'authorization') ?? '');
  if (!authorization) {
    return malformedHeader('it must hold Credential, SignedHeaders and Signature.');
  }
  const { credential, signedHeaders, signature } = authorization;
  const [accessKeyId, shortDate, region, service, terminator] = credential.split('/');
  if (!accessKeyId || !shortDate || !region || !service || terminator !== 'aws4_request') {
    return malformedHeader(`the Credential is mal-formed: ${credential}`);
  }
  const amzDate = headerValue(request.headers, 'x-amz-date');
  const signingDate = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (!signingDate || amzDate?.slice(0, 8) !== shortDate) {
    return {
      status: 403,
      code: 'AccessDenied',
      message: 'AWS authentication requires a valid Date or x-amz-date header',
    };
  }
  if (headerValue(request.headers, 'x-amz-content-sha256') === undefined) {
    return {
      status: 400,
      code: 'InvalidRequest',
      message: 'Missing required header for this request: x-amz-content-sha256',
    };
  }
  const secretAccessKey = secretFor(accessKeyId);
  if (secretAccessKey === undefined) return unknownAccessKey;
  const { path: rawPath, query } = splitTarget(request.url);
  const path = canonicalS3Path(rawPath);
  if (path === undefined) return mismatch;

  const headers = signedHeaderValues(request, signedHeaders);
  // The payload hash is the header's, never recomputed (nor added when unsigned).
  const signer = s3Signer(
    { accessKeyId, secretAccessKey, region, service },
    { applyChecksum: false },
  );
  const expected = await signer.sign(
    new HttpRequest({ method: request.method, protocol: 'http:', path, query, headers }),
    {
      signingDate,
      signableHeaders: new Set(signedHeaders),
      unsignableHeaders: new Set(),
    },
  );
  const expectedAuthorization = parseAuthorization(String(expected.headers['authorization'] ?? ''));
  const genuine =
    expectedAuthorization !== undefined &&
    expectedAuthorization.credential === credential &&
    expectedAuthorization.signedHeaders.join(';') === signedHeaders.join(';') &&
    sameText(expectedAuthorization.signature, signature);
  if (!genuine) return mismatch;

  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_SKEW_MS) {
    return {
      status: 403,
      code: 'RequestTimeTooSkewed',
      message: 'The difference between the request time and the current time is too large.',
    };
  }
  return unsignedAmzHeaders(request.headers, signedHeaders, false);
}
