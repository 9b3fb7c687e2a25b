import {
  identityKey,
  partLength,
  UploadCancelledError,
  type FileIdentity,
  type UploadProgress,
  type UploadResult,
  type UploadState,
  type UploadStateStore,
} from '@enclave/upload-client';
import type { ListableUploadStateStore } from './local-upload-state-store';

export type UploadItemState =
  | 'queued'
  | 'uploading'
  | 'paused'
  | 'done'
  | 'failed'
  /** Stopped; the server is deleting what it holds of the file. */
  | 'cancelling'
  | 'cancelled';

/** What the queue needs of one file's upload; the upload-client's `Upload` is one. */
export interface UploadTask {
  on(event: 'progress', listener: (progress: UploadProgress) => void): () => void;
  start(): Promise<UploadResult>;
  pause(): void;
  resume(): void;
  cancel(): Promise<void>;
}

export interface UploadEngineContext {
  identity: FileIdentity;
  /** Where the task saves its progress, so a reload can resume it. */
  store: UploadStateStore;
  /** Aborted when the queue is disposed: the task stops and keeps its saved state. */
  signal: AbortSignal;
}

export type UploadEngine = (file: File, context: UploadEngineContext) => UploadTask;

export interface UploadQueueOptions {
  engine: UploadEngine;
  store: ListableUploadStateStore;
  /** Files uploading at once; each sends several parts in parallel already. Default 2. */
  concurrency?: number;
  /** Speeds are averaged over this window, as parts finish in bursts. Default 10 s. */
  speedWindowMs?: number;
  now?: () => number;
  describeError?: (error: unknown) => string;
  /** A finished upload, e.g. to refresh the library. */
  onUploaded?: (result: UploadResult) => void;
  /** Removes the server's record of an interrupted upload that the user gives up on. */
  deleteRemote?: (fileId: string) => Promise<unknown>;
}

export interface UploadItem {
  readonly id: number;
  readonly name: string;
  readonly size: number;
  readonly state: UploadItemState;
  readonly bytesDone: number;
  /** Bytes per second over the speed window; 0 unless uploading. */
  readonly speed: number;
  /** Seconds left at `speed`; undefined while no speed is known. */
  readonly etaSeconds: number | undefined;
  /** A saved state from an earlier page matched this file, so the upload continues it. */
  readonly resumes: boolean;
  readonly error?: string;
  readonly fileId?: string;
}

/** An upload that an earlier page left unfinished: picking the same file again resumes it. */
export interface InterruptedUpload {
  readonly key: string;
  readonly name: string;
  readonly size: number;
  readonly bytesSaved: number;
  readonly fileId: string;
}

export interface QueueTotals {
  /** Over every file not cancelled. */
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly speed: number;
  /** For the files still to finish (queued, uploading, paused) at the current speed. */
  readonly etaSeconds: number | undefined;
  readonly uploading: number;
  /** Queued, uploading or paused. */
  readonly unfinished: number;
}

export interface QueueSnapshot {
  readonly items: readonly UploadItem[];
  readonly totals: QueueTotals;
  readonly interrupted: readonly InterruptedUpload[];
}

interface Sample {
  at: number;
  bytes: number;
}

interface Entry {
  id: number;
  file: File;
  identity: FileIdentity;
  key: string;
  state: UploadItemState;
  bytesDone: number;
  samples: Sample[];
  resumes: boolean;
  task?: UploadTask;
  unsubscribe?: () => void;
  error?: string;
  fileId?: string;
}

const UNFINISHED: ReadonlySet<UploadItemState> = new Set(['queued', 'uploading', 'paused']);
/** Given up by the person: neither uploading again nor counted in the totals. */
const CANCELLED: ReadonlySet<UploadItemState> = new Set(['cancelling', 'cancelled']);

/**
 * Many files' uploads: at most `concurrency` at once, in the order they were added, each with
 * pause, resume, cancel and retry, and byte totals, speeds and times left for the page to show.
 */
export class UploadQueue {
  private readonly entries: Entry[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly stop = new AbortController();
  private readonly concurrency: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private nextId = 1;

  constructor(private readonly options: UploadQueueOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.windowMs = options.speedWindowMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Called after every change of state or progress. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Queues files; a file already waiting or uploading is skipped, and one that failed is retried.
   * Answers the ids of the items that will upload.
   */
  add(files: Iterable<File>): number[] {
    const saved = new Set(this.options.store.list().map((s) => identityKey(s.fileIdentity)));
    const ids: number[] = [];
    for (const file of files) {
      const identity = identityOf(file);
      const key = identityKey(identity);
      const same = this.entries.find(
        (e) => e.key === key && e.state !== 'done' && !CANCELLED.has(e.state),
      );
      if (same?.state === 'failed') this.retry(same.id);
      if (same) {
        ids.push(same.id);
        continue;
      }
      const entry: Entry = {
        id: this.nextId++,
        file,
        identity,
        key,
        state: 'queued',
        bytesDone: 0,
        samples: [],
        resumes: saved.has(key),
      };
      this.entries.push(entry);
      ids.push(entry.id);
    }
    this.pump();
    this.changed();
    return ids;
  }

  pause(id: number): void {
    const entry = this.find(id);
    if (!entry || (entry.state !== 'uploading' && entry.state !== 'queued')) return;
    entry.task?.pause();
    entry.state = 'paused';
    entry.samples = [];
    // A paused file gives up its place so the next one can start.
    this.pump();
    this.changed();
  }

  /** Back in line: it continues as soon as a place is free (at once when one is). */
  resume(id: number): void {
    const entry = this.find(id);
    if (entry?.state !== 'paused') return;
    entry.state = 'queued';
    this.pump();
    this.changed();
  }

  /** Stops the upload and removes the file from the server. */
  cancel(id: number): void {
    const entry = this.find(id);
    if (!entry || !UNFINISHED.has(entry.state)) return;
    const task = entry.task;
    this.detach(entry);
    entry.samples = [];
    // 'Cancelled' only once the server has let go of the file, so a reload straight after it
    // does not list the file again. A delete that fails leaves an UPLOADING record, which the
    // server expires by itself.
    entry.state = task ? 'cancelling' : 'cancelled';
    if (task) {
      void task
        .cancel()
        .catch(() => undefined)
        .then(() => {
          entry.state = 'cancelled';
          this.changed();
        });
    }
    this.pump();
    this.changed();
  }

  /** A failed file starts again; with a saved state it continues from its stored parts. */
  retry(id: number): void {
    const entry = this.find(id);
    if (entry?.state !== 'failed') return;
    entry.state = 'queued';
    entry.error = undefined;
    entry.bytesDone = 0;
    this.pump();
    this.changed();
  }

  /** Forgets finished and cancelled files. */
  clearFinished(): void {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const state = this.entries[i]?.state;
      if (state === 'done' || state === 'cancelled') this.entries.splice(i, 1);
    }
    this.changed();
  }

  /** Gives up an interrupted upload: its saved state goes, and its record on the server. */
  async discardInterrupted(key: string): Promise<void> {
    const state = this.options.store.list().find((s) => identityKey(s.fileIdentity) === key);
    if (!state) return;
    await this.options.store.delete(state.fileIdentity);
    this.changed();
    // Best effort: an UPLOADING record nobody completes expires on the server anyway.
    await this.options.deleteRemote?.(state.file_id).catch(() => undefined);
  }

  /**
   * Stops every upload without cancelling it (the page is going away): multipart uploads keep
   * their saved state and resume when the same files are picked again.
   */
  dispose(): void {
    this.stop.abort();
    for (const entry of this.entries) this.detach(entry);
    this.listeners.clear();
  }

  snapshot(): QueueSnapshot {
    const at = this.now();
    const items = this.entries.map((entry) => this.view(entry, at));
    const counted = items.filter((item) => !CANCELLED.has(item.state));
    const unfinished = items.filter((item) => UNFINISHED.has(item.state));
    const speed = sum(items.map((item) => item.speed));
    const left = sum(unfinished.map((item) => item.size - item.bytesDone));
    const queued = new Set(this.entries.map((entry) => entry.key));
    return {
      items,
      totals: {
        bytesDone: sum(counted.map((item) => item.bytesDone)),
        bytesTotal: sum(counted.map((item) => item.size)),
        speed,
        etaSeconds: eta(left, speed),
        uploading: items.filter((item) => item.state === 'uploading').length,
        unfinished: unfinished.length,
      },
      interrupted: this.options.store
        .list()
        .filter((state) => !queued.has(identityKey(state.fileIdentity)))
        .map(interruptedView),
    };
  }

  private pump(): void {
    if (this.stop.signal.aborted) return;
    let free = this.concurrency - this.entries.filter((e) => e.state === 'uploading').length;
    for (const entry of this.entries) {
      if (free <= 0) return;
      if (entry.state !== 'queued') continue;
      free--;
      this.run(entry);
    }
  }

  private run(entry: Entry): void {
    entry.state = 'uploading';
    if (entry.task) {
      // Resuming a paused task: its bytes so far are the baseline, the pause is not counted.
      entry.samples = [{ at: this.now(), bytes: entry.bytesDone }];
      entry.task.resume();
      return;
    }
    // The task's first progress report (its resumed bytes, if any) becomes the baseline.
    entry.samples = [];
    const task = this.options.engine(entry.file, {
      identity: entry.identity,
      store: this.options.store,
      signal: this.stop.signal,
    });
    entry.task = task;
    entry.unsubscribe = task.on('progress', (progress) => this.progressed(entry, progress));
    task.start().then(
      (result) => {
        if (entry.task !== task) return;
        this.detach(entry);
        entry.state = 'done';
        entry.bytesDone = entry.file.size;
        entry.fileId = result.file_id;
        entry.samples = [];
        this.pump();
        this.changed();
        this.options.onUploaded?.(result);
      },
      (error: unknown) => {
        if (entry.task !== task) return;
        this.detach(entry);
        entry.samples = [];
        if (error instanceof UploadCancelledError) entry.state = 'cancelled';
        else {
          entry.state = 'failed';
          entry.error = this.options.describeError?.(error) ?? String(error);
        }
        this.pump();
        this.changed();
      },
    );
  }

  private progressed(entry: Entry, progress: UploadProgress): void {
    entry.bytesDone = progress.bytesDone;
    if (entry.state === 'uploading')
      entry.samples.push({ at: this.now(), bytes: progress.bytesDone });
    this.changed();
  }

  private view(entry: Entry, at: number): UploadItem {
    const speed = entry.state === 'uploading' ? this.speed(entry, at) : 0;
    return {
      id: entry.id,
      name: entry.file.name,
      size: entry.file.size,
      state: entry.state,
      bytesDone: entry.bytesDone,
      speed,
      etaSeconds:
        entry.state === 'done'
          ? 0
          : UNFINISHED.has(entry.state)
            ? eta(entry.file.size - entry.bytesDone, speed)
            : undefined,
      resumes: entry.resumes,
      ...(entry.error !== undefined ? { error: entry.error } : {}),
      ...(entry.fileId !== undefined ? { fileId: entry.fileId } : {}),
    };
  }

  /**
   * Bytes since the newest sample at least a window old (or the first one) over the time since
   * then, measured up to now so that a stalled upload's speed falls instead of freezing.
   */
  private speed(entry: Entry, at: number): number {
    const { samples } = entry;
    const last = samples[samples.length - 1];
    if (!last || samples.length < 2) return 0;
    let base = 0;
    while (base + 1 < samples.length - 1 && (samples[base + 1] as Sample).at <= at - this.windowMs)
      base++;
    // Older samples can never be a baseline again.
    samples.splice(0, base);
    const first = samples[0] as Sample;
    const seconds = (at - first.at) / 1000;
    return seconds > 0 ? (last.bytes - first.bytes) / seconds : 0;
  }

  private detach(entry: Entry): void {
    entry.unsubscribe?.();
    entry.unsubscribe = undefined;
    entry.task = undefined;
  }

  private find(id: number): Entry | undefined {
    return this.entries.find((entry) => entry.id === id);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The identity the upload-client keys saved states by. */
export function identityOf(file: File): FileIdentity {
  return { name: file.name, size: file.size, mtimeMs: file.lastModified };
}

function interruptedView(state: UploadState): InterruptedUpload {
  const { fileIdentity, part_size } = state;
  return {
    key: identityKey(fileIdentity),
    name: fileIdentity.name,
    size: fileIdentity.size,
    bytesSaved: sum(
      state.done.map((part) => partLength(part.part_number, part_size, fileIdentity.size)),
    ),
    fileId: state.file_id,
  };
}

function eta(bytesLeft: number, speed: number): number | undefined {
  if (bytesLeft <= 0) return 0;
  return speed > 0 ? bytesLeft / speed : undefined;
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
