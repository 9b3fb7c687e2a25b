import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { headerValue, splitTarget } from './presigned-request';
import type { S3Error } from './s3-error';

/**
 * s3rver stores a PutObject/UploadPart body without checking its `x-amz-checksum-sha256`; S3
 * answers 400 BadDigest instead. The proxy hashes the body as it streams past (nothing is held)
 * and compares once s3rver has taken it all.
 */
export interface ChecksumCheck {
  /** Undefined while the body still matches; the error to answer otherwise. */
  verdict(): Promise<S3Error | undefined>;
  /** A PutObject whose bad body is already stored must be removed again (an UploadPart is simply retried). */
  isPutObject: boolean;
}

const invalid: S3Error = {
  status: 400,
  code: 'InvalidRequest',
  message: 'Value for x-amz-checksum-sha256 header is invalid.',
};

const CHECKSUM_ALGORITHMS = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'] as const;

/**
 * A checksum header as S3 reads it: from the headers, or from the query when a presigner hoisted
 * it there (S3 takes a signed `x-amz-*` query parameter as the header it stands for).
 */
function checksumValue(req: IncomingMessage, name: string): string | undefined {
  const header = headerValue(req.headers, name);
  if (header !== undefined) return header;
  const value = splitTarget(req.url ?? '/').query[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The SHA-256 (base64) the request declares for its body, if any. */
export function declaredSha256(req: IncomingMessage): string | undefined {
  return checksumValue(req, 'x-amz-checksum-sha256');
}

/**
 * The checksum algorithm (lower case, as S3 names it in its messages) a request's body carries:
 * an `x-amz-checksum-*` value, or one announced for the trailer of an aws-chunked body.
 */
export function checksumAlgorithmOf(req: IncomingMessage): string | undefined {
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    if (checksumValue(req, `x-amz-checksum-${algorithm}`) !== undefined) return algorithm;
  }
  const trailer = headerValue(req.headers, 'x-amz-trailer')?.toLowerCase();
  return CHECKSUM_ALGORITHMS.find((algorithm) => trailer === `x-amz-checksum-${algorithm}`);
}

/** Starts hashing `req` if it carries a SHA-256 checksum; undefined when there is nothing to check. */
export function checkSha256(req: IncomingMessage): ChecksumCheck | S3Error | undefined {
  const expected = declaredSha256(req);
  if (req.method !== 'PUT' || expected === undefined) return undefined;
  if (Buffer.from(expected, 'base64').length !== 32) return invalid;

  const hash: Hash = createHash('sha256');
  req.on('data', (chunk: Buffer) => hash.update(chunk));
  const ended = new Promise<void>((resolve) => {
    if (req.readableEnded) resolve();
    else req.once('end', resolve);
  });
  const { query } = splitTarget(req.url ?? '/');
  return {
    isPutObject: query['partNumber'] === undefined && query['uploadId'] === undefined,
    async verdict() {
      await ended;
      if (hash.digest('base64') === expected) return undefined;
      return {
        status: 400,
        code: 'BadDigest',
        message: 'The SHA256 you specified did not match the calculated checksum.',
      };
    },
  };
}
