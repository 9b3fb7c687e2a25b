import type { ResolvedRetryOptions } from './backoff';
import { withRetry } from './backoff';
import type { ByteSource } from './byte-source';
import { isRetryable, TransferError } from './errors';
import type { Emitter, UploadEvents } from './events';
import type { FilesApi } from './files-api';
import type { PauseGate } from './pause-gate';
import { partRange } from './part-plan';
import { PartUrls } from './part-urls';
import { ProgressTracker } from './progress';
import { sha256Hex } from './sha256';
import { putBytes, type FetchLike } from './transfer';
import type { CompletedPart, UploadState } from './upload-state';

export interface MultipartRunOptions {
  api: FilesApi;
  source: ByteSource;
  state: UploadState;
  parallel: number;
  retry: ResolvedRetryOptions;
  /** Aborted by cancel, by the caller's signal, or by the first part that fails for good. */
  signal: AbortSignal;
  gate: PauseGate;
  fetch: FetchLike;
  urlBatchSize: number;
  events: Emitter<UploadEvents>;
  save: (state: UploadState) => Promise<void>;
  now?: () => number;
}

// An expired URL is replaced this often per part before the part fails; more means a clock or
// signing problem that another URL will not fix.
const MAX_URL_RENEWALS = 3;

/** Sends the parts a multipart upload still lacks, `parallel` at a time. */
export class MultipartRun {
  private readonly done = new Map<number, CompletedPart>();
  private readonly pending: number[] = [];
  private readonly progress: ProgressTracker;
  private readonly urls: PartUrls;
  private readonly failure = new AbortController();
  private readonly signal: AbortSignal;
  private saving: Promise<void> = Promise.resolve();
  private sent = 0;

  constructor(private readonly options: MultipartRunOptions) {
    const { state, source } = options;
    for (const part of state.done) this.done.set(part.part_number, part);
    for (let part = 1; part <= state.part_count; part++)
      if (!this.done.has(part)) this.pending.push(part);
    this.progress = new ProgressTracker(source.size, state.part_count, options.now);
    const doneBytes = [...this.done.keys()].reduce((sum, part) => sum + this.length(part), 0);
    this.progress.start(doneBytes, this.done.size);
    this.signal = AbortSignal.any([options.signal, this.failure.signal]);
    this.urls = new PartUrls({
      api: options.api,
      fileId: state.file_id,
      upcoming: () => this.pending,
      batchSize: options.urlBatchSize,
      now: options.now,
    });
  }

  /** PUT requests that succeeded in this run. */
  get partsSent(): number {
    return this.sent;
  }

  /** Every part, in order, for `complete`. */
  async sendAll(): Promise<CompletedPart[]> {
    this.options.events.emit('progress', this.progress.snapshot());
    const workers = Array.from(
      { length: Math.min(this.options.parallel, Math.max(1, this.pending.length)) },
      () => this.work(),
    );
    const results = await Promise.allSettled(workers);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw this.options.signal.aborted ? this.options.signal.reason : failed.reason;
    await this.saving;
    return [...this.done.values()].sort((a, b) => a.part_number - b.part_number);
  }

  private async work(): Promise<void> {
    for (;;) {
      await this.options.gate.wait(this.signal);
      const part = this.pending.shift();
      if (part === undefined) return;
      const pauseSignal = this.options.gate.signal;
      try {
        await this.sendPart(part, AbortSignal.any([this.signal, pauseSignal]));
      } catch (error) {
        if (pauseSignal.aborted && !this.signal.aborted) {
          // Paused mid-part: it goes back to the front and is sent again after resume.
          this.pending.unshift(part);
          continue;
        }
        // One part failing for good stops the others instead of letting them run on.
        if (!this.signal.aborted) this.failure.abort(error);
        throw error;
      }
    }
  }

  private async sendPart(partNumber: number, signal: AbortSignal): Promise<void> {
    const { source, state, events } = this.options;
    const { start, end } = partRange(partNumber, state.part_size, source.size);
    // Read only now, so memory holds at most `parallel` parts.
    const bytes = await source.read(start, end);
    const sha256 = state.checksums ? await sha256Hex(bytes) : undefined;
    events.emit('part', { type: 'started', part_number: partNumber, bytes: bytes.length });
    let renewals = 0;
    const etag = await withRetry(
      async () => {
        for (;;) {
          const url = await this.urls.get(partNumber, sha256);
          try {
            return await putBytes(
              this.options.fetch,
              url.url,
              url.headers,
              bytes,
              signal,
              `part ${partNumber}`,
            );
          } catch (error) {
            // An expired URL is no reason to wait: ask for a fresh one straight away.
            if (error instanceof TransferError && error.expired && renewals++ < MAX_URL_RENEWALS)
              continue;
            throw error;
          }
        }
      },
      this.options.retry,
      {
        signal,
        retryable: isRetryable,
        onRetry: (error, attempt, delayMs) =>
          events.emit('part', {
            type: 'retrying',
            part_number: partNumber,
            attempt,
            delayMs,
            error,
          }),
      },
    );
    if (!etag)
      throw new Error(
        `S3 answered part ${partNumber} without an ETag (a browser needs the bucket's CORS to expose it)`,
      );
    this.sent++;
    this.done.set(partNumber, { part_number: partNumber, etag, ...(sha256 ? { sha256 } : {}) });
    this.progress.add(bytes.length);
    await this.save();
    events.emit('part', { type: 'done', part_number: partNumber, bytes: bytes.length, etag });
    events.emit('progress', this.progress.snapshot());
  }

  /** Writes are chained so that a slow earlier write never lands after a newer one. */
  private save(): Promise<void> {
    const snapshot: UploadState = {
      ...this.options.state,
      done: [...this.done.values()].sort((a, b) => a.part_number - b.part_number),
    };
    const next = this.saving.catch(() => undefined).then(() => this.options.save(snapshot));
    this.saving = next;
    return next;
  }

  private length(partNumber: number): number {
    const { start, end } = partRange(
      partNumber,
      this.options.state.part_size,
      this.options.source.size,
    );
    return end - start;
  }
}
