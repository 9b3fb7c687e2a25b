import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Inject, Injectable } from '@nestjs/common';
import { create as contentDisposition } from 'content-disposition';
import { type Disposition, servedAs } from './inline-policy';
import {
  encryptionHeaders,
  encryptionParameters,
  type ObjectEncryption,
  SSE_HEADERS,
} from './object-encryption';
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
  /** Signed in as headers, so the PUT must ask for exactly this encryption. */
  encryption: ObjectEncryption;
  expiresInSeconds: number;
}

export interface PresignGetInput {
  key: string;
  fileName: string;
  contentType: string;
  disposition: Disposition;
  expiresInSeconds: number;
}

export interface ListedObject {
  key: string;
  size: number;
  lastModified?: Date;
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

  /** The bucket the files live in (event notifications name it). */
  get bucketName(): string {
    return this.bucket;
  }

  /**
   * A PUT URL bound to one key, its Content-Type and its exact Content-Length (and checksum), that
   * can only create the object: `If-None-Match: *` is signed in, so once the upload has landed no
   * second PUT to the same URL can replace its bytes (S3 answers 412).
   */
  async presignPut(input: PresignPutInput): Promise<PresignedUpload> {
    const checksum = input.sha256 ? sha256HexToBase64(input.sha256) : undefined;
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: input.key,
      ContentType: input.contentType,
      ContentLength: input.size,
      ChecksumSHA256: checksum,
      IfNoneMatch: '*',
      ...encryptionParameters(input.encryption),
    });
    const url = await s3Call(() =>
      getSignedUrl(this.s3, command, {
        expiresIn: input.expiresInSeconds,
        // Presigners leave these out of the signature unless told; signed, S3 refuses other values.
        signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']),
        // Kept as headers, not hoisted into the query: the client must send them, as signed.
        unhoistableHeaders: new Set(['x-amz-checksum-sha256', ...SSE_HEADERS]),
      }),
    );
    const headers: Record<string, string> = {
      'Content-Type': input.contentType,
      'If-None-Match': '*',
      ...encryptionHeaders(input.encryption),
    };
    if (checksum) headers['x-amz-checksum-sha256'] = checksum;
    return { url, headers };
  }

  /**
   * A GET URL that names the download (RFC 6266/5987). What it serves inline is limited to types
   * that cannot run on the bucket's origin (see servedAs); the stored type is served otherwise.
   */
  presignGet(input: PresignGetInput): Promise<string> {
    const served = servedAs(input.contentType, input.disposition);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: input.key,
      ResponseContentDisposition: contentDisposition(input.fileName, { type: served.disposition }),
      ResponseContentType: served.contentType,
    });
    return s3Call(() => getSignedUrl(this.s3, command, { expiresIn: input.expiresInSeconds }));
  }

  /**
   * Every stored object, a page at a time, in key order (for reconciling the bucket with the
   * rows). Pages continue with StartAfter rather than continuation tokens, which every S3 serves.
   */
  async *listObjects(pageSize = 1000): AsyncGenerator<ListedObject> {
    let startAfter: string | undefined;
    for (;;) {
      const page = await s3Call(() =>
        this.s3.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            MaxKeys: pageSize,
            StartAfter: startAfter,
          }),
        ),
      );
      const objects = (page.Contents ?? []).filter((o): o is typeof o & { Key: string } => !!o.Key);
      for (const object of objects) {
        yield { key: object.Key, size: object.Size ?? 0, lastModified: object.LastModified };
      }
      if (!page.IsTruncated || objects.length === 0) return;
      startAfter = objects[objects.length - 1]?.Key;
    }
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
