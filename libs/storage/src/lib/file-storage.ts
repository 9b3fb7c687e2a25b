import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Inject, Injectable } from '@nestjs/common';
import { create as contentDisposition } from 'content-disposition';
import { S3_CLIENT } from './s3-client.factory';
import { STORAGE_OPTIONS, type StorageOptions } from './storage-options';
import { s3Call, sha256HexToBase64, UNKNOWN_FAILURE } from './s3-call';

export interface PresignedUpload {
  url: string;
  /** Headers the PUT must carry exactly as given: they are part of the signature. */
  headers: Record<string, string>;
}

export interface PresignPutInput {
  key: string;
  contentType: string;
  size: number;
  /** Hex SHA-256 of the whole body; S3 then refuses other bytes. */
  sha256?: string;
  expiresInSeconds: number;
}

export interface PresignGetInput {
  key: string;
  fileName: string;
  contentType: string;
  disposition: 'attachment' | 'inline';
  expiresInSeconds: number;
}

export interface StoredObject {
  size: number;
  etag?: string;
}

/** The one place Enclave's services talk to S3 about file objects. */
@Injectable()
export class FileStorage {
  private readonly bucket: string;

  constructor(
    @Inject(S3_CLIENT) private readonly s3: S3Client,
    @Inject(STORAGE_OPTIONS) options: StorageOptions,
  ) {
    this.bucket = options.bucket;
  }

  /** A PUT URL bound to one key, its Content-Type and its exact Content-Length (and checksum). */
  async presignPut(input: PresignPutInput): Promise<PresignedUpload> {
    const checksum = input.sha256 ? sha256HexToBase64(input.sha256) : undefined;
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: input.key,
      ContentType: input.contentType,
      ContentLength: input.size,
      ChecksumSHA256: checksum,
    });
    const url = await s3Call(() =>
      getSignedUrl(this.s3, command, {
        expiresIn: input.expiresInSeconds,
        // Presigners leave these out of the signature unless told; signed, S3 refuses other values.
        signableHeaders: new Set(['content-type', 'content-length']),
        unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
      }),
    );
    const headers: Record<string, string> = { 'Content-Type': input.contentType };
    if (checksum) headers['x-amz-checksum-sha256'] = checksum;
    return { url, headers };
  }

  /** A GET URL that names the download (RFC 6266/5987) and serves the stored content type. */
  presignGet(input: PresignGetInput): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: input.key,
      ResponseContentDisposition: contentDisposition(input.fileName, { type: input.disposition }),
      ResponseContentType: input.contentType,
    });
    return s3Call(() => getSignedUrl(this.s3, command, { expiresIn: input.expiresInSeconds }));
  }

  /** The stored object's size, or undefined when nothing is stored under the key yet. */
  async head(key: string): Promise<StoredObject | undefined> {
    return s3Call(
      async () => {
        const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
        return { size: head.ContentLength ?? 0, etag: head.ETag };
      },
      ({ name, status }) =>
        name === 'NotFound' || name === 'NoSuchKey' || status === 404 ? undefined : UNKNOWN_FAILURE,
    );
  }

  /** Deletes the object; deleting a missing object succeeds (S3 semantics). */
  async delete(key: string): Promise<void> {
    await s3Call(() => this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
  }
}
