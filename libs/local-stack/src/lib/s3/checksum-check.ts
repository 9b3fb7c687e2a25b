import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { splitTarget } from './presigned-request';
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

/** Starts hashing `req` if it carries a SHA-256 checksum; undefined when there is nothing to check. */
export function checkSha256(req: IncomingMessage): ChecksumCheck | S3Error | undefined {
  const expected = req.headers['x-amz-checksum-sha256'];
  if (req.method !== 'PUT' || typeof expected !== 'string') return undefined;
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
