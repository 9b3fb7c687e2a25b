import { Inject, Injectable } from '@nestjs/common';
import type { Schemas } from '@enclave/api-contract';
import { ProblemException } from '@enclave/errors';
import { FileRemoval } from '@enclave/file-removal';
import { FileEncryption } from '@enclave/kms-key-lock';
import {
  epochSeconds,
  type FileRecord,
  FilesRepository,
  FileStateConflict,
  StorageUsageRepository,
  uploadDeadline,
} from '@enclave/metadata';
import {
  FileStorage,
  MAX_PART_BYTES,
  MultipartStorage,
  type ObjectEncryption,
  objectKey,
  planParts,
} from '@enclave/storage';
import { v7 as uuidv7 } from 'uuid';
import { decodeCursor, encodeCursor, toCompleted, toDeleted, toFileSummary } from './file-views';
import { CLOCK, type Clock, FILES_SETTINGS, type FilesSettings } from './files-settings';
import { MultipartUploadsService } from './multipart-uploads.service';

const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type UploadPlan = Pick<
  Schemas['CreateFileResponse'],
  'upload_url' | 'upload_method' | 'upload_headers' | 'multipart'
> & { record: Partial<FileRecord> };

/** The rules of a file's life: UPLOADING → READY → DELETED, each step checked against S3. */
@Injectable()
export class FilesService {
  constructor(
    private readonly files: FilesRepository,
    private readonly usage: StorageUsageRepository,
    private readonly storage: FileStorage,
    private readonly multipartStorage: MultipartStorage,
    private readonly multipart: MultipartUploadsService,
    private readonly removal: FileRemoval,
    private readonly encryption: FileEncryption,
    @Inject(FILES_SETTINGS) private readonly settings: FilesSettings,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async create(
    userId: string,
    input: Schemas['CreateFileRequest'],
  ): Promise<Schemas['CreateFileResponse']> {
    if (input.size > this.settings.maxFileBytes) {
      throw new ProblemException(
        'payloadTooLarge',
        `Files may be at most ${this.settings.maxFileBytes} bytes here; this one declares ${input.size}.`,
      );
    }
    // First: a user whose key cannot be had (being made elsewhere, KMS down, shredded) holds
    // no quota for an upload that cannot be signed.
    const encryption = await this.encryption.forUpload(userId);
    const quota = this.settings.userQuotaBytes;
    const now = this.now();
    // Reserve, then write the row: two writes. Should this stop between them, the reservation
    // marks the usage row, and the sweep reconciles it with the rows once the grace is over.
    if (!(await this.usage.reserve(userId, input.size, quota, epochSeconds(now)))) {
      const used = await this.usage.used(userId);
      throw new ProblemException(
        'payloadTooLarge',
        `Storage quota exceeded: ${used} of ${quota} bytes are in use and this file needs ${input.size} more. Delete files to make room.`,
      );
    }
    const fileId = uuidv7({ msecs: now.getTime() });
    const contentType = input.content_type ?? 'application/octet-stream';
    const key = objectKey(userId, fileId);
    let plan: UploadPlan | undefined;
    try {
      plan = await this.planUpload(key, contentType, input, encryption.object);
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
        upload_expires_at: epochSeconds(now) + this.settings.uploadTtlSeconds,
        kms_mode: encryption.mode,
        kms_key_id: encryption.keyId,
        ...plan.record,
      });
    } catch (error) {
      // Nothing half-made: give the bytes back and drop a started multipart upload.
      await this.usage.release(userId, input.size);
      if (plan?.record.upload_id)
        await this.multipartStorage.abort(key, plan.record.upload_id).catch(() => undefined);
      throw error;
    }
    const { record: _, ...upload } = plan;
    return {
      file_id: fileId,
      file_name: input.file_name,
      content_type: contentType,
      size: input.size,
      status: 'UPLOADING',
      ...upload,
      expires_at: addSeconds(
        now,
        upload.multipart ? this.settings.uploadTtlSeconds : this.settings.uploadUrlExpiresSeconds,
      ).toISOString(),
    };
  }

  /** Marks the file READY once S3 holds exactly the declared bytes; repeating it answers the same. */
  async complete(
    userId: string,
    fileId: string,
    request?: Schemas['CompleteFileRequest'],
  ): Promise<Schemas['CompleteFileResponse']> {
    const record = await this.live(userId, fileId);
    if (record.status === 'READY') return toCompleted(record);
    if (MultipartUploadsService.isMultipart(record)) {
      await this.multipart.assemble(record, request);
    } else if (request?.parts) {
      throw new ProblemException(
        'validation',
        'This file was uploaded in a single PUT; complete takes no parts.',
        [{ field: 'body.parts', message: 'is only for multipart uploads' }],
      );
    }
    const stored = await this.storage.head(record.object_key);
    if (!stored) {
      // Deleted while we looked: say so, rather than asking for bytes that can no longer land.
      await this.live(userId, fileId);
      throw new ProblemException(
        'conflict',
        'The file has no bytes in storage yet: upload them first.',
      );
    }
    if (stored.size !== record.size) return this.refuseWrongSize(record, stored.size);
    try {
      return toCompleted(
        await this.files.markReady(userId, fileId, record.size, this.now().toISOString()),
      );
    } catch (error) {
      if (!(error instanceof FileStateConflict)) throw error;
      // A concurrent complete won the race: answer as it did.
      if (error.current?.status === 'READY') return toCompleted(error.current);
      // Deleted while completing: its removal may have run before the bytes were assembled or
      // landed, so remove them now. The key is this file's alone, so nothing else can be hit.
      await this.storage.delete(record.object_key);
      throw notFound(fileId);
    }
  }

  async presignParts(
    userId: string,
    fileId: string,
    request: Schemas['PresignPartsRequest'],
  ): Promise<Schemas['PresignPartsResponse']> {
    return this.multipart.presignParts(await this.live(userId, fileId), request);
  }

  async uploadedParts(userId: string, fileId: string): Promise<Schemas['UploadedParts']> {
    return this.multipart.uploadedParts(await this.live(userId, fileId));
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

  /** Deletes the file in any state (cancelling an upload); repeating it answers the same. */
  async delete(userId: string, fileId: string): Promise<Schemas['DeleteFileResponse']> {
    const tombstone = await this.removal.delete(userId, fileId, this.now());
    if (!tombstone) throw notFound(fileId);
    return toDeleted(tombstone);
  }

  private async planUpload(
    key: string,
    contentType: string,
    input: Schemas['CreateFileRequest'],
    encryption: ObjectEncryption,
  ): Promise<UploadPlan> {
    // S3 takes at most 5 GiB in one PUT, whatever the threshold says.
    if (input.size > this.settings.multipartThresholdBytes || input.size > MAX_PART_BYTES) {
      const { partSize, partCount } = planParts(input.size, this.settings.partSizeBytes);
      const checksums = input.checksum_algorithm === 'SHA256';
      const uploadId = await this.multipartStorage.create(key, contentType, checksums, encryption);
      return {
        upload_headers: {},
        multipart: {
          part_size: partSize,
          part_count: partCount,
          ...(checksums ? { checksum_algorithm: 'SHA256' } : {}),
        },
        record: {
          upload_id: uploadId,
          part_size: partSize,
          part_count: partCount,
          ...(checksums ? { checksum_algorithm: 'SHA256' as const } : {}),
        },
      };
    }
    const upload = await this.storage.presignPut({
      key,
      contentType,
      size: input.size,
      sha256: input.sha256?.toLowerCase(),
      encryption,
      expiresInSeconds: this.settings.uploadUrlExpiresSeconds,
    });
    return {
      upload_url: upload.url,
      upload_method: 'PUT',
      upload_headers: upload.headers,
      record: {},
    };
  }

  /** The assembled object is not what was declared: it cannot become READY, so it goes. */
  private async refuseWrongSize(record: FileRecord, storedSize: number): Promise<never> {
    if (MultipartUploadsService.isMultipart(record)) {
      await this.removal.delete(record.user_id, record.file_id, this.now());
      throw new ProblemException(
        'conflict',
        `The parts add up to ${storedSize} bytes but ${record.size} were declared; the upload is discarded, start it again.`,
      );
    }
    throw new ProblemException(
      'conflict',
      `Storage holds ${storedSize} bytes but ${record.size} were declared; upload the file again.`,
    );
  }

  /** The row if it is live: not deleted and not an abandoned upload. */
  private async live(userId: string, fileId: string): Promise<FileRecord> {
    const record = await this.files.get(userId, fileId);
    if (!record || record.status === 'DELETED') throw notFound(fileId);
    if (
      record.status === 'UPLOADING' &&
      (uploadDeadline(record) ?? Infinity) <= epochSeconds(this.now())
    ) {
      throw notFound(fileId);
    }
    return record;
  }
}

function notFound(fileId: string): ProblemException {
  return new ProblemException('notFound', `No file ${fileId}.`);
}

function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}
