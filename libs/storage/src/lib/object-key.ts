/**
 * `{user_id}/{file_id}`: one prefix per user (cheap per-user listing and deletion), one key per
 * file. The file's name lives only in its row and in Content-Disposition, so no name — however
 * long, or however strange its characters — can break a key or the store behind it.
 */
export function objectKey(userId: string, fileId: string): string {
  return `${userId}/${fileId}`;
}

/** The owner and file an object key names, or undefined when the key is not Enclave's layout. */
export function parseObjectKey(key: string): { userId: string; fileId: string } | undefined {
  const [userId, fileId, ...rest] = key.split('/');
  if (!userId || !fileId) return undefined;
  // Keys of the earlier layout (`{user_id}/{file_id}/{name}`) still name their file.
  if (rest.length > 0 && rest.join('/') === '') return undefined;
  return { userId, fileId };
}
