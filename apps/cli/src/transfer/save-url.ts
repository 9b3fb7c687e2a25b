import { ProgressTracker, TransferError, type UploadProgress } from '@enclave/upload-client';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export interface SaveUrlOptions {
  url: string;
  /** The final path; bytes go to a file beside it first and are renamed only when complete. */
  target: string;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

const PROGRESS_INTERVAL_MS = 200;

/**
 * Streams a presigned GET to `target` without holding it in memory. A broken or short download
 * leaves nothing behind that looks complete.
 */
export async function saveUrl(options: SaveUrlOptions): Promise<{ bytes: number }> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const response = await fetchImpl(options.url, { signal: options.signal });
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => '');
    throw new TransferError(response.status, text.slice(0, 2000), 'download');
  }
  const total = Number(response.headers.get('content-length') ?? 0);
  const progress = new ProgressTracker(total, 1);
  progress.start(0, 0);
  let bytes = 0;
  let lastReport = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      progress.add(chunk.length, 0);
      const now = Date.now();
      if (options.onProgress && now - lastReport >= PROGRESS_INTERVAL_MS) {
        lastReport = now;
        options.onProgress(progress.snapshot());
      }
      callback(null, chunk);
    },
  });
  const partial = `${options.target}.enclave-download`;
  try {
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      counter,
      createWriteStream(partial),
      { signal: options.signal },
    );
    if (total && bytes !== total)
      throw new Error(`download ended after ${bytes} of ${total} bytes`);
    await rename(partial, options.target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  options.onProgress?.({ ...progress.snapshot(), partsDone: 1 });
  return { bytes };
}
