import { Inject, Injectable } from '@nestjs/common';
import type { Schemas } from '@enclave/api-contract';
import { type FileRecord, FilesRepository, FileStateConflict } from '@enclave/metadata';
import { ProblemException } from '@enclave/service-kit';
import { FileStorage, objectKey } from '@enclave/storage';
import { v7 as uuidv7 } from 'uuid';
import { decodeCursor, encodeCursor, toCompleted, toDeleted, toFileSummary } from './file-views';
import {
  CLOCK,
  type Clock,
  FILES_SETTINGS,
  type FilesSettings,
  MAX_SINGLE_PUT_BYTES,
} from './files-settings';

const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The rules of a file's life: UPLOADING → READY → DELETED, each step checked against S3. */
@Injectable()
export class FilesService {
  constructor(
    private readonly files: FilesRepository,
    private readonly storage: FileStorage,
    @Inject(FILES_SETTINGS) private readonly settings: FilesSettings,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async create(
    userId: string,
    input: Schemas['CreateFileRequest'],
  ): Promise<Schemas['CreateFileResponse']> {
    if (input.size > MAX_SINGLE_PUT_BYTES) {
      throw new ProblemException(
        'payloadTooLarge',
        `Files over ${MAX_SINGLE_PUT_BYTES} bytes (5 GiB) need a multipart upload, which this deployment does not offer yet.`,
      );
    }
    const now = this.now();
    const fileId = uuidv7({ msecs: now.getTime() });
    const contentType = input.content_type ?? 'application/octet-stream';
    const key = objectKey(userId, fileId, input.file_name);
    // Sign before writing the row: a failure leaves nothing behind.
    const upload = await this.storage.presignPut({
      key,
      contentType,
      size: input.size,
      sha256: input.sha256?.toLowerCase(),
      expiresInSeconds: this.settings.uploadUrlExpiresSeconds,
    });
    await this.files.create({
      user_id: userId,
      file_id: fileId,
      file_name: input.file_name,
      content_type: contentType,
      size: input.size,
      status: 'UPLOADING',
      object_key: key,
      created_at: now.toISOString(),
      uploaded_at: now.toISOString(),
      sha256: input.sha256?.toLowerCase(),
      expires_at: epochSeconds(now) + this.settings.uploadTtlSeconds,
    });
    return {
      file_id: fileId,
      file_name: input.file_name,
      content_type: contentType,
      size: input.size,
      status: 'UPLOADING',
      upload_url: upload.url,
      upload_method: 'PUT',
      upload_headers: upload.headers,
      expires_at: addSeconds(now, this.settings.uploadUrlExpiresSeconds).toISOString(),
    };
  }

  /** Marks the file READY once S3 holds exactly the declared bytes; repeating it answers the same. */
  async complete(userId: string, fileId: string): Promise<Schemas['CompleteFileResponse']> {
    const record = await this.live(userId, fileId);
    if (record.status === 'READY') return toCompleted(record);
    const stored = await this.storage.head(record.object_key);
    if (!stored) {
      throw new ProblemException(
        'conflict',
        'The file has no bytes in storage yet: upload them to upload_url first.',
      );
    }
    if (stored.size !== record.size) {
      throw new ProblemException(
        'conflict',
        `Storage holds ${stored.size} bytes but ${record.size} were declared; upload the file again.`,
      );
    }
    try {
      return toCompleted(
        await this.files.markReady(userId, fileId, record.size, this.now().toISOString()),
      );
    } catch (error) {
      // A concurrent complete won the race: answer as it did.
      if (error instanceof FileStateConflict && error.current?.status === 'READY')
        return toCompleted(error.current);
      if (error instanceof FileStateConflict) throw notFound(fileId);
      throw error;
    }
  }

  async list(userId: string, limit: number, cursor?: string): Promise<Schemas['FileList']> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    if (after !== undefined && !FILE_ID.test(after)) {
      throw new ProblemException('validation', 'query.cursor is not a cursor this API returned.', [
        { field: 'query.cursor', message: 'is not a cursor this API returned' },
      ]);
    }
    const page = await this.files.list(userId, limit, after, epochSeconds(this.now()));
    return {
      user_id: userId,
      user_files: page.files.map(toFileSummary),
      next_cursor: page.lastFileId ? encodeCursor(page.lastFileId) : null,
    };
  }

  async get(userId: string, fileId: string): Promise<Schemas['FileSummary']> {
    return toFileSummary(await this.live(userId, fileId));
  }

  async downloadUrl(
    userId: string,
    fileId: string,
    disposition: 'attachment' | 'inline',
  ): Promise<Schemas['DownloadResponse']> {
    const record = await this.live(userId, fileId);
    if (record.status !== 'READY') {
      throw new ProblemException(
        'conflict',
        'The file is still uploading; complete the upload first.',
      );
    }
    const now = this.now();
    const url = await this.storage.presignGet({
      key: record.object_key,
      fileName: record.file_name,
      contentType: record.content_type,
      disposition,
      expiresInSeconds: this.settings.downloadUrlExpiresSeconds,
    });
    return {
      file_id: fileId,
      file_name: record.file_name,
      download_url: url,
      expires_at: addSeconds(now, this.settings.downloadUrlExpiresSeconds).toISOString(),
    };
  }

  /**
   * Records the deletion first, then removes the object: if S3 fails, a retry finds the tombstone
   * and removes the object again, so nothing is left orphaned and the answer never changes.
   */
  async delete(userId: string, fileId: string): Promise<Schemas['DeleteFileResponse']> {
    const record = await this.files.get(userId, fileId);
    if (!record) throw notFound(fileId);
    let deleted = record;
    if (record.status !== 'DELETED') {
      const now = this.now();
      try {
        deleted = await this.files.markDeleted(
          userId,
          fileId,
          now.toISOString(),
          epochSeconds(now) + this.settings.deletedRetentionSeconds,
        );
      } catch (error) {
        if (!(error instanceof FileStateConflict) || !error.current) throw error;
        deleted = error.current;
      }
    }
    await this.storage.delete(record.object_key);
    return toDeleted(deleted);
  }

  /** The row if it is live: not deleted and not an abandoned upload. */
  private async live(userId: string, fileId: string): Promise<FileRecord> {
    const record = await this.files.get(userId, fileId);
    if (!record || record.status === 'DELETED') throw notFound(fileId);
    if (
      record.status === 'UPLOADING' &&
      (record.expires_at ?? Infinity) <= epochSeconds(this.now())
    ) {
      throw notFound(fileId);
    }
    return record;
  }
}

function notFound(fileId: string): ProblemException {
  return new ProblemException('notFound', `No file ${fileId}.`);
}

function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}
