import { streamUrl, type UploadProgress } from '@enclave/upload-client/node';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';

export interface SaveUrlOptions {
  url: string;
  /** The final path; bytes go to a file beside it first and are renamed only when complete. */
  target: string;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/**
 * Streams a presigned GET to `target` (streamUrl) through a partial file beside it, so a broken
 * or short download leaves nothing behind that looks complete.
 */
export async function saveUrl(options: SaveUrlOptions): Promise<{ bytes: number }> {
  const partial = `${options.target}.enclave-download`;
  try {
    const result = await streamUrl({
      url: options.url,
      destination: createWriteStream(partial),
      onProgress: options.onProgress,
      signal: options.signal,
      fetch: options.fetch,
    });
    await rename(partial, options.target);
    return result;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
