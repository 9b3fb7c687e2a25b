import { Inject, Injectable } from '@nestjs/common';
import type { Schemas } from '@enclave/api-contract';
import type { FileRecord } from '@enclave/metadata';
import { ProblemException } from '@enclave/errors';
import {
  type CompletedPart,
  MultipartCallUnsupported,
  MultipartStorage,
  partLength,
  type PartPlan,
} from '@enclave/storage';
import { CLOCK, type Clock, FILES_SETTINGS, type FilesSettings } from './files-settings';

type MultipartRecord = FileRecord & { upload_id: string; part_size: number; part_count: number };

/** The multipart half of an upload: part URLs on demand, resume, and assembly. */
@Injectable()
export class MultipartUploadsService {
  constructor(
    private readonly multipart: MultipartStorage,
    @Inject(FILES_SETTINGS) private readonly settings: FilesSettings,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  static isMultipart(record: FileRecord): record is MultipartRecord {
    return (
      record.upload_id !== undefined &&
      record.part_size !== undefined &&
      record.part_count !== undefined
    );
  }

  async presignParts(
    record: FileRecord,
    request: Schemas['PresignPartsRequest'],
  ): Promise<Schemas['PresignPartsResponse']> {
    const upload = this.requireOpenMultipart(record);
    const checksums = request.sha256 ?? {};
    const outOfRange = request.part_numbers.filter((n) => n > upload.part_count);
    const unrequested = Object.keys(checksums).filter(
      (n) => !request.part_numbers.includes(Number(n)),
    );
    const unsummed = upload.checksum_algorithm
      ? request.part_numbers.filter((n) => !checksums[String(n)])
      : [];
    const errors = [
      ...outOfRange.map((n) => ({
        field: 'body.part_numbers',
        message: `part ${n} is past the last part (${upload.part_count})`,
      })),
      ...unrequested.map((n) => ({
        field: `body.sha256.${n}`,
        message: 'names a part that is not requested',
      })),
      ...unsummed.map((n) => ({
        field: `body.sha256.${n}`,
        message: 'is required: this upload checks every part',
      })),
    ];
    if (errors.length) {
      throw new ProblemException(
        'validation',
        `${errors[0]?.field} ${errors[0]?.message}.`,
        errors,
      );
    }
    const expiresAt = new Date(
      this.now().getTime() + this.settings.partUrlExpiresSeconds * 1000,
    ).toISOString();
    const plan: PartPlan = { partSize: upload.part_size, partCount: upload.part_count };
    const parts = await Promise.all(
      request.part_numbers.map(async (partNumber) => {
        const signed = await this.multipart.presignPart({
          key: upload.object_key,
          uploadId: upload.upload_id,
          partNumber,
          size: partLength(upload.size, plan, partNumber),
          sha256: checksums[String(partNumber)]?.toLowerCase(),
          expiresInSeconds: this.settings.partUrlExpiresSeconds,
        });
        return {
          part_number: partNumber,
          url: signed.url,
          headers: signed.headers,
          expires_at: expiresAt,
        };
      }),
    );
    return { file_id: upload.file_id, parts };
  }

  async uploadedParts(record: FileRecord): Promise<Schemas['UploadedParts']> {
    const upload = this.requireOpenMultipart(record);
    const parts = await this.listParts(upload);
    return {
      file_id: upload.file_id,
      part_size: upload.part_size,
      part_count: upload.part_count,
      parts: parts.map((p) => ({
        part_number: p.partNumber,
        etag: p.etag,
        size: p.size,
        ...(p.sha256 ? { sha256: p.sha256 } : {}),
      })),
    };
  }

  /**
   * Assembles the object from every part, each exactly once (the client's list, or S3's).
   * Returns false when S3 no longer knows the upload (a previous complete already assembled it).
   */
  async assemble(
    record: FileRecord,
    request: Schemas['CompleteFileRequest'] | undefined,
  ): Promise<boolean> {
    const upload = this.requireOpenMultipart(record);
    const parts: CompletedPart[] = request?.parts
      ? request.parts.map((p) => ({
          partNumber: p.part_number,
          etag: p.etag,
          sha256: p.sha256?.toLowerCase(),
        }))
      : (await this.listParts(upload)).map((p) => ({
          partNumber: p.partNumber,
          etag: p.etag,
          sha256: p.sha256,
        }));
    checkParts(upload, parts);
    parts.sort((a, b) => a.partNumber - b.partNumber);
    // S3 refusing the parts surfaces as PartsRejected: a 409 that says what to send again.
    return this.multipart.complete(upload.object_key, upload.upload_id, parts);
  }

  private requireOpenMultipart(record: FileRecord): MultipartRecord {
    if (record.status !== 'UPLOADING') {
      throw new ProblemException('conflict', 'The upload is already complete.');
    }
    if (!MultipartUploadsService.isMultipart(record)) {
      throw new ProblemException(
        'conflict',
        'This file uploads in a single PUT to upload_url; it has no parts.',
      );
    }
    return record;
  }

  private async listParts(upload: MultipartRecord) {
    try {
      return await this.multipart.listParts(upload.object_key, upload.upload_id);
    } catch (error) {
      if (error instanceof MultipartCallUnsupported) {
        throw new ProblemException(
          'notImplemented',
          'The object store behind this deployment cannot list uploaded parts: resume from the parts your client recorded, and send them with complete.',
        );
      }
      throw error;
    }
  }
}

/** Every part from 1 to part_count exactly once, with its checksum when the upload checks parts. */
function checkParts(upload: MultipartRecord, parts: CompletedPart[]): void {
  const seen = new Set<number>();
  const errors: { field: string; message: string }[] = [];
  for (const part of parts) {
    if (part.partNumber > upload.part_count) {
      errors.push({
        field: 'body.parts',
        message: `part ${part.partNumber} is past the last part (${upload.part_count})`,
      });
    } else if (seen.has(part.partNumber)) {
      errors.push({ field: 'body.parts', message: `part ${part.partNumber} is listed twice` });
    } else if (upload.checksum_algorithm && !part.sha256) {
      errors.push({ field: 'body.parts', message: `part ${part.partNumber} needs its sha256` });
    }
    seen.add(part.partNumber);
  }
  if (errors.length) throw new ProblemException('validation', `${errors[0]?.message}.`, errors);
  const missing: number[] = [];
  for (let n = 1; n <= upload.part_count && missing.length < 20; n++)
    if (!seen.has(n)) missing.push(n);
  if (missing.length) {
    throw new ProblemException(
      'conflict',
      `Parts missing: ${missing.join(', ')}${missing.length === 20 ? ', …' : ''}. Upload them, then complete again.`,
    );
  }
}
