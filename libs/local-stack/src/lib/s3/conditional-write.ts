import type { IncomingMessage } from 'node:http';
import { headerValue } from './presigned-request';
import type { S3Error } from './s3-error';

/**
 * S3's conditional writes for the one condition s3rver lacks and Enclave uses: `If-None-Match: *`
 * on PutObject and CompleteMultipartUpload ("only if no object is stored under the key yet").
 * s3rver knows no conditions, so the proxy checks before forwarding and keeps a per-key
 * in-flight guard: while one conditional write to a key runs, another answers 409
 * ConditionalRequestConflict, as S3 does for concurrent conditional writes. Unconditional
 * writes are not held back (S3 lets the last one win).
 */
export const preconditionFailed: S3Error = {
  status: 412,
  code: 'PreconditionFailed',
  message: 'At least one of the pre-conditions you specified did not hold',
  details: { Condition: 'If-None-Match' },
};

export const conditionalConflict: S3Error = {
  status: 409,
  code: 'ConditionalRequestConflict',
  message:
    'The conditional request cannot succeed due to a conflicting operation against this resource.',
};

const notImplemented: S3Error = {
  status: 501,
  code: 'NotImplemented',
  message: 'A header you provided implies functionality that is not implemented',
  details: { Header: 'If-None-Match' },
};

/** Whether the request asks for `If-None-Match: *`; an S3Error for a value S3 does not support. */
export function ifNoneMatchStar(req: IncomingMessage): boolean | S3Error {
  const value = headerValue(req.headers, 'if-none-match');
  if (value === undefined) return false;
  return value.trim() === '*' ? true : notImplemented;
}

export class InFlightKeys {
  private readonly held = new Set<string>();

  /** Takes the key for one conditional write; undefined when another one holds it. */
  take(bucket: string, key: string): (() => void) | undefined {
    const id = `${bucket}/${key}`;
    if (this.held.has(id)) return undefined;
    this.held.add(id);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held.delete(id);
    };
  }
}
