import { readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * s3rver's multipart uploads on disk (s3rver 3.7.1, lib/stores/filesystem.js), read and tidied
 * by the proxy so it can answer what s3rver does not (ListParts, AbortMultipartUpload) and check
 * what it does not (CompleteMultipartUpload's parts):
 *
 *   <dataDir>/<bucket>/._S3rver_uploads/<uploadId>/key            the object key, as sent
 *   <dataDir>/<bucket>/._S3rver_uploads/<uploadId>/metadata       JSON of CreateMultipartUpload's headers
 *   <dataDir>/<bucket>/._S3rver_uploads/<uploadId>/<n>            part n's bytes (written as they arrive)
 *   <dataDir>/<bucket>/._S3rver_uploads/<uploadId>/<n>.md5        its MD5 (hex, the ETag), written once stored
 *   <dataDir>/<bucket>/._S3rver_uploads/<uploadId>/<n>.sha256     the proxy's: its verified SHA-256 (base64)
 *
 * s3rver removes the whole folder when it completes the upload.
 */
export interface Upload {
  bucket: string;
  key: string;
  uploadId: string;
  dir: string;
  /** Lower case (`sha256`), as S3 names it in messages; undefined when the upload has none. */
  checksumAlgorithm?: string;
  storageClass: string;
}

export interface StoredPart {
  partNumber: number;
  size: number;
  /** MD5 hex, without quotes. */
  md5: string;
  lastModified: Date;
  /** Base64, when the part was sent with a (verified) x-amz-checksum-sha256. */
  sha256?: string;
}

export type UploadLookup =
  { upload: Upload } | { missing: 'NoSuchBucket' } | { missing: 'NoSuchUpload' };

// Bucket names S3 allows; anything else (`..`, `/`) never reaches the file system.
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
// s3rver's ids are 32 hex digits; anything without a path separator or dot is merely unknown.
const UPLOAD_ID = /^[A-Za-z0-9_-]{1,256}$/;
const PART_FILE = /^[1-9]\d{0,4}$/;

// Duck-typed: under jest, Node's own errors are not instances of the sandbox's Error.
const isMissing = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  (error.code === 'ENOENT' || error.code === 'ENOTDIR');

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

function stringField(metadata: unknown, name: string): string | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const value: unknown = (metadata as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

export class S3rverUploads {
  constructor(private readonly dataDir: string) {}

  /** The upload `uploadId` of `key` in `bucket`, or what S3 would say is missing. */
  async find(bucket: string, key: string, uploadId: string): Promise<UploadLookup> {
    if (!BUCKET_NAME.test(bucket)) return { missing: 'NoSuchBucket' };
    try {
      if (!(await stat(join(this.dataDir, bucket))).isDirectory()) {
        return { missing: 'NoSuchBucket' };
      }
    } catch (error) {
      if (isMissing(error)) return { missing: 'NoSuchBucket' };
      throw error;
    }
    if (!UPLOAD_ID.test(uploadId)) return { missing: 'NoSuchUpload' };
    const dir = join(this.dataDir, bucket, '._S3rver_uploads', uploadId);
    // A folder without `key` is no upload: s3rver makes one when a part arrives for an unknown id.
    const storedKey = await readText(join(dir, 'key'));
    if (storedKey === undefined || storedKey !== key) return { missing: 'NoSuchUpload' };
    let metadata: unknown;
    try {
      metadata = JSON.parse((await readText(join(dir, 'metadata'))) ?? '{}');
    } catch {
      metadata = {};
    }
    const algorithm = stringField(metadata, 'x-amz-checksum-algorithm');
    return {
      upload: {
        bucket,
        key,
        uploadId,
        dir,
        checksumAlgorithm: algorithm ? algorithm.toLowerCase() : undefined,
        storageClass: stringField(metadata, 'x-amz-storage-class') ?? 'STANDARD',
      },
    };
  }

  /** Whether the upload still exists (it may be aborted or completed while a part streams in). */
  async isOpen(upload: Upload): Promise<boolean> {
    return (await readText(join(upload.dir, 'key'))) !== undefined;
  }

  /** The parts stored so far, in part-number order; a part still being written is not listed. */
  async parts(upload: Upload): Promise<StoredPart[]> {
    let names: string[];
    try {
      names = await readdir(upload.dir);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const parts = await Promise.all(
      names.filter((name) => PART_FILE.test(name)).map((name) => this.part(upload, Number(name))),
    );
    return parts
      .filter((part): part is StoredPart => part !== undefined)
      .sort((a, b) => a.partNumber - b.partNumber);
  }

  async part(upload: Upload, partNumber: number): Promise<StoredPart | undefined> {
    const path = join(upload.dir, String(partNumber));
    // s3rver writes the .md5 file after the bytes: without it the part is not stored (yet).
    const [md5, sha256, stats] = await Promise.all([
      readText(`${path}.md5`),
      readText(`${path}.sha256`),
      stat(path).catch((error: unknown) => {
        if (isMissing(error)) return undefined;
        throw error;
      }),
    ]);
    if (md5 === undefined || stats === undefined) return undefined;
    return {
      partNumber,
      size: stats.size,
      md5: md5.trim(),
      lastModified: stats.mtime,
      ...(sha256 ? { sha256: sha256.trim() } : {}),
    };
  }

  /** Records (or, with undefined, forgets) a part's SHA-256 beside s3rver's part file. */
  async recordSha256(
    upload: Upload,
    partNumber: number,
    sha256: string | undefined,
  ): Promise<void> {
    const path = join(upload.dir, `${partNumber}.sha256`);
    if (sha256 === undefined) await unlink(path).catch(ignoreMissing);
    else await writeFile(path, sha256);
  }

  /** Removes a part S3 would not have kept (its body did not match its checksum). */
  async discardPart(upload: Upload, partNumber: number): Promise<void> {
    const path = join(upload.dir, String(partNumber));
    await Promise.all(
      [path, `${path}.md5`, `${path}.sha256`].map((file) => unlink(file).catch(ignoreMissing)),
    );
  }

  /** Removes the upload and every part of it. */
  async remove(upload: Upload): Promise<void> {
    await rm(upload.dir, { recursive: true, force: true });
  }
}

function ignoreMissing(error: unknown): void {
  if (!isMissing(error)) throw error;
}
