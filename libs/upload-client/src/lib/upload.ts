import type { Schemas } from '@enclave/api-contract';
import { resolveRetryOptions, withRetry, type RetryOptions } from './backoff';
import type { ByteSource } from './byte-source';
import { ApiError, isRetryable, UploadAbortedError, UploadCancelledError } from './errors';
import { Emitter, type UploadEvents } from './events';
import type { FilesApi } from './files-api';
import { MultipartRun } from './multipart-run';
import { PauseGate } from './pause-gate';
import { ProgressTracker } from './progress';
import { decideResume } from './resume';
import { sha256Hex } from './sha256';
import { putBytes, type FetchLike } from './transfer';
import type { FileIdentity, UploadState, UploadStateStore } from './upload-state';

export interface UploadOptions {
  api: FilesApi;
  source: ByteSource;
  /** Defaults to the source's type, then `application/octet-stream`. */
  contentType?: string;
  /** Parts sent at once; default 4. Memory use is about `parallel × part_size`. */
  parallel?: number;
  /** Per-part SHA-256, bound into each part's URL so S3 refuses corrupted bytes. */
  checksums?: boolean;
  retry?: RetryOptions;
  /** Where progress is saved after every part, so another process can resume. */
  stateStore?: UploadStateStore;
  /** Defaults to the source's name, size and modification time. */
  identity?: FileIdentity;
  /**
   * Stops the upload without cancelling it: in-flight PUTs are aborted, the saved state is kept
   * and `start()` rejects with UploadAbortedError. (A single-PUT upload cannot be resumed, so it is
   * deleted instead.)
   */
  signal?: AbortSignal;
  /** Used for the PUTs to S3; default global fetch. */
  fetch?: FetchLike;
  /** Part URLs fetched per API call when no checksums are sent; default 16. */
  urlBatchSize?: number;
  /**
   * With `checksums`, files up to this size are hashed whole before the upload starts, so that a
   * single-PUT answer can be bound to the digest too. Default 64 MiB (the API's default threshold).
   */
  wholeFileChecksumLimit?: number;
  now?: () => number;
}

export type UploadResult = Schemas['CompleteFileResponse'] & {
  /** Whether a saved state was continued. */
  resumed: boolean;
  /** Parts sent by this run (a resumed run skips the ones already stored). */
  partsSent: number;
};

export type UploadStatus =
  'idle' | 'running' | 'paused' | 'completed' | 'cancelled' | 'aborted' | 'failed';

const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * One file's upload through the Enclave protocol: a single presigned PUT or a multipart upload
 * (as the API decides), with parallel parts, retries, progress, pause/resume/cancel and resume
 * from a saved state.
 */
export class Upload {
  private readonly events = new Emitter<UploadEvents>();
  private readonly stop = new AbortController();
  private readonly runSignal: AbortSignal;
  private readonly identity: FileIdentity;
  private readonly checksums: boolean;
  private readonly fetchImpl: FetchLike;
  private running?: Promise<UploadResult>;
  private readonly gate = new PauseGate();
  private multipart?: MultipartRun;
  private currentStatus: UploadStatus = 'idle';
  private createdFileId?: string;

  constructor(private readonly options: UploadOptions) {
    const { source } = options;
    this.identity = options.identity ?? {
      name: source.name,
      size: source.size,
      ...(source.lastModified !== undefined ? { mtimeMs: source.lastModified } : {}),
    };
    this.checksums = options.checksums ?? false;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.runSignal = options.signal
      ? AbortSignal.any([this.stop.signal, options.signal])
      : this.stop.signal;
  }

  get status(): UploadStatus {
    return this.currentStatus;
  }

  /** The file's id once the API has created (or the resume has found) it. */
  get fileId(): string | undefined {
    return this.createdFileId;
  }

  on<K extends keyof UploadEvents>(
    event: K,
    listener: (payload: UploadEvents[K]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }

  /** Runs the upload; calling it again answers the same promise. */
  start(): Promise<UploadResult> {
    this.running ??= this.run();
    return this.running;
  }

  /** Aborts the PUTs in flight (they are sent again on resume) and starts no new ones. */
  pause(): void {
    if (this.currentStatus !== 'running') return;
    this.currentStatus = 'paused';
    this.gate.pause();
  }

  resume(): void {
    if (this.currentStatus !== 'paused') return;
    this.currentStatus = 'running';
    this.gate.resume();
  }

  /** Stops everything and deletes the file (and its saved state), so nothing is left behind. */
  async cancel(): Promise<void> {
    if (!this.running) {
      this.currentStatus = 'cancelled';
      this.stop.abort(new UploadCancelledError());
      return;
    }
    this.stop.abort(new UploadCancelledError());
    await this.running.catch(() => undefined);
  }

  private async run(): Promise<UploadResult> {
    if (this.stop.signal.aborted) throw new UploadCancelledError();
    this.currentStatus = 'running';
    try {
      const result = await this.upload();
      // A cancel that raced the final `complete` still means "leave nothing behind".
      if (this.stop.signal.aborted) throw this.stop.signal.reason;
      this.currentStatus = 'completed';
      return result;
    } catch (error) {
      throw await this.settleFailure(error);
    }
  }

  private async upload(): Promise<UploadResult> {
    const { api, stateStore } = this.options;
    const decision = stateStore
      ? await decideResume(api, stateStore, this.identity, this.checksums)
      : ({ kind: 'fresh' } as const);
    this.throwIfStopped();
    if (decision.kind === 'finished') {
      const { file_id, file_name, size } = decision.file;
      this.createdFileId = file_id;
      return { file_id, file_name, size, status: 'READY', resumed: true, partsSent: 0 };
    }
    if (decision.kind === 'resume') return this.runMultipart(decision.state, true);

    const created = await this.create();
    this.createdFileId = created.file_id;
    this.throwIfStopped();
    if (created.upload_url) return this.singlePut(created, created.upload_url);
    if (!created.multipart) throw new Error('the API answered neither upload_url nor multipart');
    const state: UploadState = {
      fileIdentity: this.identity,
      file_id: created.file_id,
      part_size: created.multipart.part_size,
      part_count: created.multipart.part_count,
      // The API may require checksums even when the caller did not ask for them.
      checksums: this.checksums || created.multipart.checksum_algorithm === 'SHA256',
      done: [],
    };
    // Saved before any part, so even a process killed during part 1 resumes this file_id.
    await stateStore?.set(this.identity, state);
    return this.runMultipart(state, false);
  }

  private async create(): Promise<Schemas['CreateFileResponse']> {
    const { source } = this.options;
    const limit = this.options.wholeFileChecksumLimit ?? 64 * 1024 * 1024;
    const sha256 =
      this.checksums && source.size <= limit
        ? await sha256Hex(await source.read(0, source.size))
        : undefined;
    const body: Schemas['CreateFileRequest'] = {
      file_name: source.name,
      size: source.size,
      content_type: this.options.contentType ?? source.type ?? DEFAULT_CONTENT_TYPE,
      ...(this.checksums ? { checksum_algorithm: 'SHA256' as const } : {}),
      ...(sha256 ? { sha256 } : {}),
    };
    // Only refusals that mean "nothing was created" are retried: a lost answer to a create
    // that succeeded would otherwise leave a second, orphaned record.
    return withRetry(() => this.options.api.createFile(body), this.retryOptions(), {
      signal: this.runSignal,
      retryable: (error) =>
        error instanceof ApiError && (error.status === 429 || error.status === 503),
    });
  }

  private async singlePut(
    created: Schemas['CreateFileResponse'],
    url: string,
  ): Promise<UploadResult> {
    const { source, api } = this.options;
    this.events.emit('created', {
      file_id: created.file_id,
      multipart: false,
      resumed: false,
      partCount: 1,
    });
    const progress = new ProgressTracker(source.size, 1, this.options.now);
    progress.start(0, 0);
    this.events.emit('progress', progress.snapshot());
    const bytes = await source.read(0, source.size);
    this.events.emit('part', { type: 'started', part_number: 1, bytes: bytes.length });
    let etag: string | undefined;
    while (etag === undefined) {
      await this.gate.wait(this.runSignal);
      const pauseSignal = this.gate.signal;
      const signal = AbortSignal.any([this.runSignal, pauseSignal]);
      try {
        etag = await withRetry(
          () => putBytes(this.fetchImpl, url, created.upload_headers, bytes, signal, 'upload'),
          this.retryOptions(),
          {
            signal,
            retryable: isRetryable,
            onRetry: (error, attempt, delayMs) =>
              this.events.emit('part', {
                type: 'retrying',
                part_number: 1,
                attempt,
                delayMs,
                error,
              }),
          },
        );
      } catch (error) {
        // Paused mid-PUT: send it again once resumed.
        if (!(pauseSignal.aborted && !this.runSignal.aborted)) throw error;
      }
    }
    progress.add(bytes.length);
    this.events.emit('part', { type: 'done', part_number: 1, bytes: bytes.length, etag });
    this.events.emit('progress', progress.snapshot());
    this.throwIfStopped();
    const completed = await this.withApiRetry(() => api.completeFile(created.file_id));
    return { ...completed, resumed: false, partsSent: 1 };
  }

  private async runMultipart(state: UploadState, resumed: boolean): Promise<UploadResult> {
    this.createdFileId = state.file_id;
    const run = new MultipartRun({
      api: this.options.api,
      source: this.options.source,
      state,
      parallel: Math.max(1, this.options.parallel ?? 4),
      retry: this.retryOptions(),
      signal: this.runSignal,
      gate: this.gate,
      fetch: this.fetchImpl,
      urlBatchSize: this.options.urlBatchSize ?? 16,
      events: this.events,
      save: (next) => this.options.stateStore?.set(this.identity, next) ?? Promise.resolve(),
      now: this.options.now,
    });
    this.multipart = run;
    this.events.emit('created', {
      file_id: state.file_id,
      multipart: true,
      resumed,
      partCount: state.part_count,
    });
    const parts = await run.sendAll();
    this.throwIfStopped();
    const completed = await this.withApiRetry(() =>
      this.options.api.completeFile(state.file_id, { parts }),
    );
    await this.options.stateStore?.delete(this.identity);
    return { ...completed, resumed, partsSent: run.partsSent };
  }

  /** Turns whatever stopped the run into the error `start()` rejects with, cleaning up first. */
  private async settleFailure(error: unknown): Promise<unknown> {
    const reason: unknown = this.stop.signal.reason;
    if (reason instanceof UploadCancelledError) {
      this.currentStatus = 'cancelled';
      await this.deleteEverything();
      return reason;
    }
    if (this.options.signal?.aborted) {
      this.currentStatus = 'aborted';
      // Nothing can resume a single PUT, so it is not left behind either.
      if (!this.multipart) await this.deleteEverything().catch(() => undefined);
      return new UploadAbortedError(this.options.signal.reason);
    }
    this.currentStatus = 'failed';
    return error;
  }

  private async deleteEverything(): Promise<void> {
    const fileId = this.createdFileId;
    if (fileId) {
      await withRetry(
        () =>
          this.options.api.deleteFile(fileId).catch((error: unknown) => {
            if (error instanceof ApiError && error.status === 404) return undefined;
            throw error;
          }),
        this.retryOptions(),
        { retryable: isRetryable },
      );
    }
    await this.options.stateStore?.delete(this.identity);
  }

  private withApiRetry<T>(call: () => Promise<T>): Promise<T> {
    return withRetry(call, this.retryOptions(), {
      signal: this.runSignal,
      retryable: isRetryable,
    });
  }

  private retryOptions() {
    return resolveRetryOptions(this.options.retry);
  }

  private throwIfStopped(): void {
    if (this.runSignal.aborted) throw this.runSignal.reason;
  }
}
