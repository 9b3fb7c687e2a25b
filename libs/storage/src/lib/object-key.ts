/** S3 keys are at most 1024 bytes of UTF-8. */
const MAX_KEY_BYTES = 1024;

/**
 * `{user_id}/{file_id}/{file_name}`: one prefix per user (cheap per-user listing and deletion),
 * one per file (names never collide). The name only helps a person browsing the bucket, so it is
 * shortened to fit S3's key limit; the metadata keeps the full name.
 */
export function objectKey(userId: string, fileId: string, fileName: string): string {
  const prefix = `${userId}/${fileId}/`;
  const room = MAX_KEY_BYTES - Buffer.byteLength(prefix);
  return prefix + truncateUtf8(fileName, room);
}

/** The longest prefix of `text` that fits in `maxBytes` of UTF-8 without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}
