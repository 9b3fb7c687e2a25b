import type { S3Event } from 'aws-lambda';
import { randomBytes } from 'node:crypto';

export type ObjectCreatedName = 'ObjectCreated:Put' | 'ObjectCreated:CompleteMultipartUpload';

export interface StoredObject {
  eventName: ObjectCreatedName;
  bucket: string;
  key: string;
  size: number;
  /** As S3 sends it in the ETag header, quotes included or not. */
  etag: string;
  sourceIp: string;
}

export type ObjectCreatedListener = (event: S3Event) => void;

/**
 * A key as S3 writes it into an event notification: form-URL-encoded, the way Java's
 * URLEncoder does it (space → `+`; letters, digits and `.-*_` as they are; every other byte of
 * the UTF-8, `/` included, as %XX). decodeS3EventKey undoes it.
 */
export function encodeS3EventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** The object key an S3 event notification names (its `s3.object.key`). */
export function decodeS3EventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

const hex = (bytes: number): string => randomBytes(bytes).toString('hex').toUpperCase();

/**
 * Object-created notifications as S3 delivers them to a Lambda (one record per event, event
 * version 2.1). Listeners run after the answer went out, each on its own: one that throws
 * neither stops the others nor the stand-in.
 */
export class ObjectEvents {
  private readonly listeners = new Set<ObjectCreatedListener>();
  private lastSequencer = 0n;

  constructor(private readonly region: string) {}

  listen(listener: ObjectCreatedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(object: StoredObject): void {
    if (this.listeners.size === 0) return;
    const event = this.event(object);
    for (const listener of [...this.listeners]) {
      setImmediate(() => {
        try {
          listener(structuredClone(event));
        } catch {
          // A listener's failure is its own, as a failed Lambda invocation is on AWS.
        }
      });
    }
  }

  /** S3's sequencer grows for later events on a key; a process-wide counter does that too. */
  private nextSequencer(): string {
    const now = BigInt(Date.now()) * 1000n;
    this.lastSequencer = now > this.lastSequencer ? now : this.lastSequencer + 1n;
    return this.lastSequencer.toString(16).toUpperCase().padStart(16, '0');
  }

  private event({ eventName, bucket, key, size, etag, sourceIp }: StoredObject): S3Event {
    return {
      Records: [
        {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          awsRegion: this.region,
          eventTime: new Date().toISOString(),
          eventName,
          userIdentity: { principalId: 'AWS:S3RVER' },
          requestParameters: { sourceIPAddress: sourceIp },
          responseElements: { 'x-amz-request-id': hex(8), 'x-amz-id-2': hex(32) },
          s3: {
            s3SchemaVersion: '1.0',
            configurationId: 'local-object-created',
            bucket: {
              name: bucket,
              ownerIdentity: { principalId: 'S3RVER' },
              arn: `arn:aws:s3:::${bucket}`,
            },
            object: {
              key: encodeS3EventKey(key),
              size,
              eTag: etag.replace(/"/g, ''),
              sequencer: this.nextSequencer(),
            },
          },
        },
      ],
    };
  }
}
