import { Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { TransferError } from '../errors';
import type { FilesApi } from '../files-api';
import { ProgressTracker, type UploadProgress } from '../progress';
import type { FetchLike } from '../transfer';

export interface DownloadOptions {
  api: FilesApi;
  fileId: string;
  /** Where the bytes go; it is ended when the download finishes. */
  destination: Writable;
  onProgress?: (progress: UploadProgress) => void;
  /** At most one progress call per this many ms (the last one always comes); default 200. */
  progressIntervalMs?: number;
  signal?: AbortSignal;
  fetch?: FetchLike;
}

export interface DownloadResult {
  file_id: string;
  file_name: string;
  bytes: number;
}

export type StreamUrlOptions = Omit<DownloadOptions, 'api' | 'fileId'> & { url: string };

/** Streams a file from its presigned GET into a writable, with progress; never buffers it whole. */
export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const link = await options.api.getDownloadUrl(options.fileId);
  const { bytes } = await streamUrl({ ...options, url: link.download_url });
  return { file_id: link.file_id, file_name: link.file_name, bytes };
}

/**
 * Streams any presigned GET (a file's, or a share's) into a writable, with progress; a short
 * body is an error, never a quietly truncated file.
 */
export async function streamUrl(options: StreamUrlOptions): Promise<{ bytes: number }> {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const response = await fetchImpl(options.url, { signal: options.signal });
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => '');
    throw new TransferError(response.status, text.slice(0, 2000), 'download');
  }
  const total = Number(response.headers.get('content-length') ?? 0);
  const progress = new ProgressTracker(total, 1);
  progress.start(0, 0);
  const interval = options.progressIntervalMs ?? 200;
  let lastReport = 0;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      progress.add(chunk.length, 0);
      const now = Date.now();
      if (options.onProgress && now - lastReport >= interval) {
        lastReport = now;
        options.onProgress(progress.snapshot());
      }
      callback(null, chunk);
    },
  });
  await pipeline(
    Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
    counter,
    options.destination,
    { signal: options.signal },
  );
  if (total && bytes !== total) throw new Error(`download ended after ${bytes} of ${total} bytes`);
  options.onProgress?.({ ...progress.snapshot(), partsDone: 1 });
  return { bytes };
}
