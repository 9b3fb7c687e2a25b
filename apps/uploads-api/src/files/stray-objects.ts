import { Injectable, Logger } from '@nestjs/common';
import { FilesRepository } from '@enclave/metadata';
import { FileStorage, parseObjectKey } from '@enclave/storage';
import type { S3Event } from 'aws-lambda';

export type StrayVerdict = 'kept' | 'removed';

/**
 * Presigned URLs cannot be revoked, so the bucket reconciles itself with the rows: an object is
 * kept only while a live row (UPLOADING, or READY) names it under its key. Anything else — bytes
 * PUT to an old upload URL after the file was deleted, an upload assembled after it was deleted,
 * a key no file of ours has — is removed. S3 event notifications bring each new object here
 * (ObjectCreated:*, on AWS and from the local S3); the periodic sweep reconciles the whole bucket.
 */
@Injectable()
export class StrayObjects {
  private readonly logger = new Logger(StrayObjects.name);

  constructor(
    private readonly files: FilesRepository,
    private readonly storage: FileStorage,
  ) {}

  /** Checks every object an S3 event notification reports created. */
  async onS3Event(event: S3Event): Promise<{ kept: number; removed: number }> {
    const counts = { kept: 0, removed: 0 };
    for (const record of event.Records ?? []) {
      if (!record.eventName?.startsWith('ObjectCreated:')) continue;
      if (record.s3.bucket.name !== this.storage.bucketName) continue;
      counts[await this.check(decodeEventKey(record.s3.object.key))]++;
    }
    return counts;
  }

  /** Keeps the object under `key` if a live row expects it there, and removes it otherwise. */
  async check(key: string): Promise<StrayVerdict> {
    const owner = parseObjectKey(key);
    const record = owner && (await this.files.get(owner.userId, owner.fileId));
    if (record && record.object_key === key && record.status !== 'DELETED') return 'kept';
    await this.storage.delete(key);
    this.logger.warn(
      { key, file_status: record?.status ?? 'none' },
      'removed an object no live file expects',
    );
    return 'removed';
  }
}

/** S3 event notifications carry keys URL-encoded, with spaces as `+`. */
export function decodeEventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}
