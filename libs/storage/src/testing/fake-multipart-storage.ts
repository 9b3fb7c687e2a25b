import type { ObjectEncryption } from '../lib/object-encryption';
import type { PresignedUpload } from '../lib/file-storage';
import type {
  CompletedPart,
  MultipartStorage,
  PresignPartInput,
  StoredPart,
} from '../lib/multipart-storage';
import { MIN_PART_BYTES } from '../lib/part-plan';
import { sha256Base64ToHex, sha256HexToBase64 } from '../lib/s3-call';
import { MultipartCallUnsupported, PartsRejected, UploadGone } from '../lib/storage-errors';
import { FakeObjectStore } from './fake-object-store';

type Public<T> = { [K in keyof T]: T[K] };

/**
 * MultipartStorage over a FakeObjectStore. Like the local S3 (s3rver), it lists and aborts
 * nothing unless told it may (`supportsListing`, `supportsAbort`), as S3 itself does.
 */
export class FakeMultipartStorage implements Public<MultipartStorage> {
  readonly signedParts: PresignPartInput[] = [];
  readonly aborted: string[] = [];
  supportsListing = false;
  supportsAbort = false;
  /**
   * Runs while S3 assembles an upload: the upload is taken (an abort no longer stops it) and the
   * object is not stored yet. Tests hold it to interleave other operations there.
   */
  assembling?: () => Promise<void>;

  constructor(readonly store = new FakeObjectStore()) {}

  /** The encryption each upload was created with, by upload id. */
  readonly encryptions = new Map<string, ObjectEncryption>();

  async create(
    key: string,
    contentType: string,
    partChecksums: boolean,
    encryption: ObjectEncryption,
  ): Promise<string> {
    const uploadId = this.store.openUpload(key, contentType, partChecksums);
    this.encryptions.set(uploadId, encryption);
    return uploadId;
  }

  async presignPart(input: PresignPartInput): Promise<PresignedUpload> {
    this.signedParts.push(input);
    const checksum = input.sha256 ? sha256HexToBase64(input.sha256) : undefined;
    return {
      url: this.store.sign('part', input.key, {
        upload: input.uploadId,
        part: input.partNumber,
        size: input.size,
        sha256: checksum,
      }),
      headers: checksum ? { 'x-amz-checksum-sha256': checksum } : {},
    };
  }

  async listParts(_key: string, uploadId: string): Promise<StoredPart[]> {
    if (!this.supportsListing) throw new MultipartCallUnsupported('ListParts');
    const upload = this.store.uploads.get(uploadId);
    if (!upload) throw new UploadGone();
    return [...upload.parts]
      .sort(([a], [b]) => a - b)
      .map(([partNumber, part]) => ({
        partNumber,
        etag: part.etag,
        size: part.bytes.length,
        ...(part.sha256 ? { sha256: sha256Base64ToHex(part.sha256) } : {}),
      }));
  }

  async complete(key: string, uploadId: string, parts: CompletedPart[]): Promise<boolean> {
    const upload = this.store.uploads.get(uploadId);
    if (!upload) return false;
    const chunks: Uint8Array[] = [];
    for (const [index, part] of parts.entries()) {
      const stored = upload.parts.get(part.partNumber);
      if (!stored || stored.etag !== part.etag) throw new PartsRejected('invalid-part');
      if (index > 0 && (parts[index - 1]?.partNumber ?? 0) >= part.partNumber)
        throw new PartsRejected('part-order');
      if (index < parts.length - 1 && stored.bytes.length < MIN_PART_BYTES)
        throw new PartsRejected('too-small');
      chunks.push(stored.bytes);
    }
    this.store.uploads.delete(uploadId);
    await this.assembling?.();
    // Sent with If-None-Match: *, as MultipartStorage.complete sends it.
    if (this.store.objects.has(key)) return false;
    const bytes = Buffer.concat(chunks);
    this.store.store(key, {
      bytes,
      contentType: upload.contentType,
      etag: `"assembled-${parts.length}"`,
    });
    return true;
  }

  async abort(_key: string, uploadId: string): Promise<void> {
    if (!this.supportsAbort) throw new MultipartCallUnsupported('AbortMultipartUpload');
    this.aborted.push(uploadId);
    this.store.uploads.delete(uploadId);
  }
}
