import { Injectable, Logger } from '@nestjs/common';
import type { FileRecord } from '@enclave/metadata';
import { FileStorage, MultipartCallUnsupported, MultipartStorage } from '@enclave/storage';

/** Removes what S3 holds for a file: its unfinished multipart upload and its object. */
@Injectable()
export class FileDisposal {
  private readonly logger = new Logger(FileDisposal.name);

  constructor(
    private readonly storage: FileStorage,
    private readonly multipart: MultipartStorage,
  ) {}

  async dispose(record: Pick<FileRecord, 'object_key' | 'upload_id'>): Promise<void> {
    if (record.upload_id) await this.abort(record.object_key, record.upload_id);
    await this.storage.delete(record.object_key);
  }

  async abort(key: string, uploadId: string): Promise<void> {
    try {
      await this.multipart.abort(key, uploadId);
    } catch (error) {
      // Only the local stand-in lacks AbortMultipartUpload; S3 itself always has it.
      if (!(error instanceof MultipartCallUnsupported)) throw error;
      this.logger.warn('the object store cannot abort multipart uploads; parts stay stored');
    }
  }
}
