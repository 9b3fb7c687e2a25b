import {
  UploadCancelledError,
  type UploadProgress,
  type UploadResult,
} from '@enclave/upload-client';
import type { UploadEngine, UploadEngineContext, UploadTask } from './upload-queue';

/** One upload the test drives by hand: it reports progress, finishes or fails when told. */
export class FakeUploadTask implements UploadTask {
  started = false;
  paused = false;
  cancelled = false;
  private readonly listeners = new Set<(progress: UploadProgress) => void>();
  private settle?: { resolve: (result: UploadResult) => void; reject: (error: unknown) => void };

  constructor(
    readonly file: File,
    readonly context: UploadEngineContext,
  ) {}

  on(_event: 'progress', listener: (progress: UploadProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): Promise<UploadResult> {
    this.started = true;
    return new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  /** Set before cancelling to hold the server's delete until `releaseDelete()`. */
  holdDelete = false;
  private deleteDone?: () => void;

  async cancel(): Promise<void> {
    this.cancelled = true;
    this.settle?.reject(new UploadCancelledError());
    if (this.holdDelete) await new Promise<void>((resolve) => (this.deleteDone = resolve));
  }

  releaseDelete(): void {
    this.deleteDone?.();
  }

  progress(bytesDone: number): void {
    const bytesTotal = this.file.size;
    for (const listener of this.listeners)
      listener({
        bytesDone,
        bytesTotal,
        rate: 0,
        etaSeconds: undefined,
        partsDone: 0,
        partCount: 1,
      });
  }

  finish(fileId = `file-${this.file.name}`): void {
    this.progress(this.file.size);
    this.settle?.resolve({
      file_id: fileId,
      file_name: this.file.name,
      size: this.file.size,
      status: 'READY',
      resumed: false,
      partsSent: 1,
    });
  }

  fail(error: unknown): void {
    this.settle?.reject(error);
  }
}

/** An engine that hands out FakeUploadTasks and remembers them, newest last. */
export function fakeEngine(): { engine: UploadEngine; tasks: FakeUploadTask[] } {
  const tasks: FakeUploadTask[] = [];
  const engine: UploadEngine = (file, context) => {
    const task = new FakeUploadTask(file, context);
    tasks.push(task);
    return task;
  };
  return { engine, tasks };
}

/** A clock the test moves by hand. */
export class FakeClock {
  private at = 1_000_000;

  readonly now = (): number => this.at;

  advance(ms: number): void {
    this.at += ms;
  }
}

/** A file of `size` bytes (zeros), named and dated as the test needs. */
export function fakeFile(
  name: string,
  size: number,
  lastModified = 1_700_000_000_000,
  type = '',
): File {
  return new File([new Uint8Array(size)], name, { lastModified, type });
}
