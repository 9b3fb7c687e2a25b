import type { S3Error } from './s3-error';

/** S3's own limit on an object key, in bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;
/** A file name on the file systems s3rver runs on (ext4, APFS, tmpfs…). */
const MAX_FILE_NAME_BYTES = 255;
// s3rver names the last segment's files `<segment>._S3rver_object`, `….md5` and
// `<segment>._S3rver_metadata.json`; the longest suffix decides (s3rver 3.7.1, stores/filesystem.js).
const LONGEST_SUFFIX = '._S3rver_metadata.json';
export const MAX_LAST_SEGMENT_BYTES = MAX_FILE_NAME_BYTES - LONGEST_SUFFIX.length;

export type KeyVerdict =
  | { storable: true }
  /** S3 itself refuses the key. */
  | { storable: false; error: S3Error; s3Refuses: true }
  /** S3 would accept it, but the stand-in cannot hold it as files. */
  | { storable: false; error: S3Error; s3Refuses: false };

const tooLong = (key: string, message: string): S3Error => ({
  status: 400,
  code: 'KeyTooLongError',
  message,
  details: { Size: String(Buffer.byteLength(key)), MaxSizeAllowed: String(MAX_KEY_BYTES) },
});

/**
 * Whether an object key can be stored: S3's 1024-byte limit, then the stand-in's own limits.
 * s3rver stores a key `a/b/c` as the directories `a/b` and files named after `c`, so each
 * segment must fit in a file name (with s3rver's suffix on the last one), and no directory
 * segment may be empty, `.` or `..` (the file system would fold it: `a//b` and `a/./b` would
 * become `a/b`, and `..` would leave the bucket).
 */
export function checkKey(key: string): KeyVerdict {
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
    return {
      storable: false,
      s3Refuses: true,
      error: tooLong(key, 'Your key is too long'),
    };
  }
  const segments = key.split('/');
  const last = segments.pop() ?? '';
  const standIn = (why: string): KeyVerdict => ({
    storable: false,
    s3Refuses: false,
    error: tooLong(key, `Your key is too long for the local S3 stand-in (not an S3 limit): ${why}`),
  });
  if (Buffer.byteLength(last) > MAX_LAST_SEGMENT_BYTES) {
    return standIn(
      `s3rver stores the part after the last '/' as a file name, so it may have at most ${MAX_LAST_SEGMENT_BYTES} bytes of UTF-8.`,
    );
  }
  for (const segment of segments) {
    if (Buffer.byteLength(segment) > MAX_FILE_NAME_BYTES) {
      return standIn(
        `s3rver stores each part between '/' as a directory name, so it may have at most ${MAX_FILE_NAME_BYTES} bytes of UTF-8.`,
      );
    }
    if (segment === '' || segment === '.' || segment === '..') {
      return {
        storable: false,
        s3Refuses: false,
        error: {
          status: 400,
          code: 'InvalidArgument',
          message: `The local S3 stand-in (not S3) cannot store a key with an empty, '.' or '..' part before its last '/': s3rver would store it under another key.`,
          details: { ArgumentName: 'key', ArgumentValue: key },
        },
      };
    }
  }
  return { storable: true };
}
