import { TransferError } from './errors';

export type FetchLike = typeof fetch;

/**
 * Sends bytes to a presigned URL with exactly the headers the API signed, and answers the ETag.
 * Content-Length is left to fetch (browsers refuse to set it; it equals the body's length).
 */
export async function putBytes(
  fetchImpl: FetchLike,
  url: string,
  headers: Record<string, string>,
  body: Uint8Array,
  signal: AbortSignal,
  what: string,
): Promise<string> {
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (name.toLowerCase() !== 'content-length' && name.toLowerCase() !== 'host')
      sent[name] = value;
  const response = await fetchImpl(url, {
    method: 'PUT',
    headers: sent,
    body: body as Uint8Array<ArrayBuffer>,
    signal,
  });
  // A create-only PUT (If-None-Match: *) finding its object stored: an earlier attempt landed and
  // only its answer was lost. Completing the upload checks that the stored bytes are the file's.
  const createOnly = Object.entries(headers).some(
    ([name, value]) => name.toLowerCase() === 'if-none-match' && value === '*',
  );
  if (response.status === 412 && createOnly) {
    await response.arrayBuffer().catch(() => undefined);
    return '';
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw new TransferError(response.status, text.slice(0, 2000), what);
  }
  // Drain the (empty) body so the connection returns to the pool.
  await response.arrayBuffer().catch(() => undefined);
  return response.headers.get('etag') ?? '';
}
