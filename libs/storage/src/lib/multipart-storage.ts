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
import {
  isNoSuchUpload,
  isNotImplemented,
  sha256Base64ToHex,
  sha256HexToBase64,
} from './s3-errors';
import { S3_CLIENT, STORAGE_OPTIONS, type StorageOptions } from './storage-options';

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

/** The store cannot do this (s3rver has no ListParts or AbortMultipartUpload). */
export class MultipartCallUnsupported extends Error {
  constructor(readonly call: string) {
    super(`the object store does not support ${call}`);
    this.name = 'MultipartCallUnsupported';
  }
}

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

  async create(key: string, contentType: string, partChecksums: boolean): Promise<string> {
    const { UploadId } = await this.s3.send(
      new CreateMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: contentType,
        // S3 refuses part checksums on an upload that did not announce them, and vice versa.
        ChecksumAlgorithm: partChecksums ? 'SHA256' : undefined,
      }),
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
    const url = await getSignedUrl(this.s3, command, {
      expiresIn: input.expiresInSeconds,
      signableHeaders: new Set(['content-length']),
      unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
    });
    return { url, headers: checksum ? { 'x-amz-checksum-sha256': checksum } : {} };
  }

  /** Every part S3 holds so far, in order. */
  async listParts(key: string, uploadId: string): Promise<StoredPart[]> {
    const parts: StoredPart[] = [];
    let marker: string | undefined;
    try {
      do {
        const page = await this.s3.send(
          new ListPartsCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
            PartNumberMarker: marker,
          }),
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
    } catch (error) {
      if (isNotImplemented(error)) throw new MultipartCallUnsupported('ListParts');
      throw error;
    }
    return parts;
  }

  /** Assembles the object. Returns false when the upload no longer exists (already completed or aborted). */
  async complete(key: string, uploadId: string, parts: CompletedPart[]): Promise<boolean> {
    try {
      await this.s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
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
    } catch (error) {
      if (isNoSuchUpload(error)) return false;
      throw error;
    }
  }

  /** Frees the stored parts. An upload that is already gone counts as aborted. */
  async abort(key: string, uploadId: string): Promise<void> {
    try {
      await this.s3.send(
        new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }),
      );
    } catch (error) {
      if (isNoSuchUpload(error)) return;
      if (isNotImplemented(error)) throw new MultipartCallUnsupported('AbortMultipartUpload');
      throw error;
    }
  }
}
