import { readdir, unlink } from 'node:fs/promises';
import { join, sep } from 'node:path';

const OBJECT = '._S3rver_object';
const MD5 = `${OBJECT}.md5`;
const METADATA = '._S3rver_metadata.json';
const UPLOADS = '._S3rver_uploads';

const isMissing = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';

/**
 * Removes the leftovers of objects s3rver never finished writing (its process stopped, or a
 * write failed, mid-object): s3rver writes `<name>._S3rver_object`, then its `.md5`, then
 * `<name>._S3rver_metadata.json`, so an object file without its metadata beside it is no object.
 * Left in place, s3rver's listing (and HeadBucket, which lists) fails on it with a 500, and
 * with it every later start (ensureBucket: "UnknownError"). Runs before s3rver starts, so no
 * write is in progress. Multipart uploads in progress (`._S3rver_uploads`) are left alone.
 */
export async function removeHalfWrittenObjects(dataDir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dataDir, { recursive: true });
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  const present = new Set(entries);
  const leftovers = entries.filter((entry) => {
    if (entry.split(sep).includes(UPLOADS)) return false;
    if (entry.endsWith(OBJECT)) return !present.has(entry.slice(0, -OBJECT.length) + METADATA);
    if (entry.endsWith(MD5)) return !present.has(entry.slice(0, -MD5.length) + METADATA);
    return false;
  });
  // unlink refuses directories (a key segment that merely ends like a file name): those stay.
  await Promise.all(leftovers.map((entry) => unlink(join(dataDir, entry)).catch(() => undefined)));
}
