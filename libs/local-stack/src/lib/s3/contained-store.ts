import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What of s3rver's FilesystemStore (s3rver 3.7.1, lib/stores/filesystem.js) is replaced here. */
interface FilesystemStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: unknown, md5?: string): Promise<void>;
  putObject(object: StoreObject): Promise<StoredBytes>;
  putPart(
    bucket: string,
    uploadId: string,
    partNumber: number,
    content: Readable,
  ): Promise<StoredBytes>;
}

interface StoreObject {
  bucket: string;
  key: string;
  content: Readable | Buffer;
  metadata: unknown;
}

interface StoredBytes {
  size: number;
  md5: string;
}

/** s3rver (a Koa app) keeps its store on itself and on the context every request inherits. */
interface S3rverWithStore {
  store: FilesystemStore;
  context: { store: FilesystemStore };
}

const ignoreError = (): undefined => undefined;

/** Writes `content` to `path`, hashing it; any failure (client gone, disk full, name too long) rejects. */
async function writeHashed(path: string, content: Readable | Buffer): Promise<StoredBytes> {
  const md5 = createHash('md5');
  let size = 0;
  if (Buffer.isBuffer(content)) {
    await writeFile(path, content);
    return { size: content.length, md5: md5.update(content).digest('hex') };
  }
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      md5.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  await pipeline(content, hashing, createWriteStream(path));
  return { size, md5: md5.digest('hex') };
}

/**
 * s3rver's store writes object and part bodies through `stream.pipe` into a file stream that has
 * no 'error' listener, so a failed write (ENAMETOOLONG for a long key, ENOSPC, EACCES) is an
 * unhandled 'error' event: it kills the whole process, and leaves a half-written object behind
 * that breaks every later listing (and so every start, since HeadBucket lists on s3rver). These
 * replacements write the same files with `pipeline`, so a failure becomes the request's 500,
 * and remove what they wrote when it fails.
 */
export function containStoreWrites(s3rver: unknown): void {
  const { store } = s3rver as S3rverWithStore;

  store.putObject = async (object: StoreObject): Promise<StoredBytes> => {
    const objectPath = store.getResourcePath(object.bucket, object.key, 'object');
    try {
      await mkdir(dirname(objectPath), { recursive: true });
      const stored = await writeHashed(objectPath, object.content);
      await store.putMetadata(object.bucket, object.key, object.metadata, stored.md5);
      return stored;
    } catch (error) {
      await Promise.all(
        ['object', 'object.md5', 'metadata.json'].map((resource) =>
          unlink(store.getResourcePath(object.bucket, object.key, resource)).catch(ignoreError),
        ),
      );
      throw error;
    }
  };

  store.putPart = async (
    bucket: string,
    uploadId: string,
    partNumber: number,
    content: Readable,
  ): Promise<StoredBytes> => {
    const partPath = join(
      store.getResourcePath(bucket, undefined, 'uploads'),
      uploadId,
      String(partNumber),
    );
    try {
      await mkdir(dirname(partPath), { recursive: true });
      const stored = await writeHashed(partPath, content);
      await writeFile(`${partPath}.md5`, stored.md5);
      return stored;
    } catch (error) {
      await Promise.all(
        [partPath, `${partPath}.md5`].map((path) => unlink(path).catch(ignoreError)),
      );
      throw error;
    }
  };
}
