import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListPartsCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Inject, Injectable } from '@nestjs/common';
import type { PresignedUpload } from './file-storage';
import { encryptionParameters, type ObjectEncryption } from './object-encryption';
import {
  isNotImplemented,
  s3Call,
  sha256Base64ToHex,
  sha256HexToBase64,
  UNKNOWN_FAILURE,
} from './s3-call';
import { MultipartCallUnsupported, PartsRejected, UploadGone } from './storage-errors';
import { S3_CLIENT } from './s3-client.factory';
import { STORAGE_OPTIONS, type StorageOptions } from './storage-options';

export interface StoredPart {
  partNumber: number;
  etag: string;
  size: number;
  /** Hex, when the upload was created with SHA-256 part checksums. */
  sha256?: string;
}

export interface CompletedPart {
  partNumber: number;
  etag: string;
  sha256?: string;
}

export interface PresignPartInput {
  key: string;
  uploadId: string;
  partNumber: number;
  /** The part's exact size: signed, so S3 refuses a part of any other length. */
  size: number;
  sha256?: string;
  expiresInSeconds: number;
}

/** What S3 says when it refuses to assemble parts, and what that means for the client. */
// Another completion got there first (or the upload is gone): the caller checks what is stored.
const CONCEDED = new Set(['NoSuchUpload', 'PreconditionFailed', 'ConditionalRequestConflict']);

const REJECTIONS: Record<string, PartsRejected['reason']> = {
  InvalidPart: 'invalid-part',
  InvalidPartOrder: 'part-order',
  EntityTooSmall: 'too-small',
  BadDigest: 'bad-digest',
  InvalidRequest: 'refused',
};

/** S3 multipart uploads: the API signs each part; clients send the bytes straight to S3. */
@Injectable()
export class MultipartStorage {
  private readonly bucket: string;

  constructor(
    @Inject(S3_CLIENT) private readonly s3: S3Client,
    @Inject(STORAGE_OPTIONS) options: StorageOptions,
  ) {
    this.bucket = options.bucket;
  }

  /** Starts an upload; its parts are encrypted as `encryption` says (parts carry no SSE headers). */
  async create(
    key: string,
    contentType: string,
    partChecksums: boolean,
    encryption: ObjectEncryption,
  ): Promise<string> {
    const { UploadId } = await s3Call(() =>
      this.s3.send(
        new CreateMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          ContentType: contentType,
          // S3 refuses part checksums on an upload that did not announce them, and vice versa.
          ChecksumAlgorithm: partChecksums ? 'SHA256' : undefined,
          ...encryptionParameters(encryption),
        }),
      ),
    );
    if (!UploadId) throw new Error('CreateMultipartUpload returned no UploadId');
    return UploadId;
  }

  async presignPart(input: PresignPartInput): Promise<PresignedUpload> {
    const checksum = input.sha256 ? sha256HexToBase64(input.sha256) : undefined;
    const command = new UploadPartCommand({
      Bucket: this.bucket,
      Key: input.key,
      UploadId: input.uploadId,
      PartNumber: input.partNumber,
      ContentLength: input.size,
      ChecksumSHA256: checksum,
    });
    const url = await s3Call(() =>
      getSignedUrl(this.s3, command, {
        expiresIn: input.expiresInSeconds,
        signableHeaders: new Set(['content-length']),
        unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
      }),
    );
    return { url, headers: checksum ? { 'x-amz-checksum-sha256': checksum } : {} };
  }

  /** Every part S3 holds so far, in order; UploadGone once it is completed or aborted. */
  async listParts(key: string, uploadId: string): Promise<StoredPart[]> {
    const parts: StoredPart[] = [];
    let marker: string | undefined;
    do {
      const page = await s3Call(
        () =>
          this.s3.send(
            new ListPartsCommand({
              Bucket: this.bucket,
              Key: key,
              UploadId: uploadId,
              PartNumberMarker: marker,
            }),
          ),
        (failure) => {
          if (failure.name === 'NoSuchUpload') throw new UploadGone();
          if (isNotImplemented(failure)) throw new MultipartCallUnsupported('ListParts');
          return UNKNOWN_FAILURE;
        },
      );
      for (const part of page.Parts ?? []) {
        parts.push({
          partNumber: part.PartNumber ?? 0,
          etag: part.ETag ?? '',
          size: part.Size ?? 0,
          ...(part.ChecksumSHA256 ? { sha256: sha256Base64ToHex(part.ChecksumSHA256) } : {}),
        });
      }
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
    return parts;
  }

  /**
   * Assembles the object, only if nothing is stored under the key yet (`If-None-Match: *`), so a
   * completed file's bytes are never replaced. Returns false when the upload no longer exists
   * (already completed or aborted) or an object already holds the key; throws PartsRejected when
   * S3 refuses the parts as listed.
   */
  async complete(key: string, uploadId: string, parts: CompletedPart[]): Promise<boolean> {
    return s3Call(
      async () => {
        await this.s3.send(
          new CompleteMultipartUploadCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
            IfNoneMatch: '*',
            MultipartUpload: {
              Parts: parts.map((part) => ({
                PartNumber: part.partNumber,
                ETag: part.etag,
                ...(part.sha256 ? { ChecksumSHA256: sha256HexToBase64(part.sha256) } : {}),
              })),
            },
          }),
        );
        return true;
      },
      ({ name }) => {
        if (CONCEDED.has(name)) return false;
        const reason = REJECTIONS[name];
        if (reason) throw new PartsRejected(reason);
        return UNKNOWN_FAILURE;
      },
    );
  }

  /**
   * Frees the stored parts. An upload that is already gone counts as aborted; a store without
   * AbortMultipartUpload throws MultipartCallUnsupported.
   */
  async abort(key: string, uploadId: string): Promise<void> {
    await s3Call(
      async () => {
        await this.s3.send(
          new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }),
        );
      },
      (failure) => {
        if (failure.name === 'NoSuchUpload') return undefined;
        if (isNotImplemented(failure)) throw new MultipartCallUnsupported('AbortMultipartUpload');
        return UNKNOWN_FAILURE;
      },
    );
  }
}
