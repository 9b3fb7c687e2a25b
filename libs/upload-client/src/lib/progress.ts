export interface UploadProgress {
  bytesDone: number;
  bytesTotal: number;
  /** Bytes per second over the last few seconds of this run (resumed bytes excluded). */
  rate: number;
  /** Seconds left at `rate`; undefined until a rate is known. */
  etaSeconds: number | undefined;
  partsDone: number;
  partCount: number;
}

interface Sample {
  at: number;
  bytes: number;
}

/**
 * Keeps byte counts and a rate averaged over a sliding window: parts finish in bursts (several
 * at once, then nothing for seconds), so a per-event rate would jump wildly.
 */
export class ProgressTracker {
  private bytesDone = 0;
  private partsDone = 0;
  private samples: Sample[] = [];

  constructor(
    private readonly bytesTotal: number,
    private readonly partCount: number,
    private readonly now: () => number = Date.now,
    private readonly windowMs = 10_000,
  ) {}

  /** Counts already-finished work (a resume) without it showing up as speed. */
  start(bytesDone: number, partsDone: number): void {
    this.bytesDone = bytesDone;
    this.partsDone = partsDone;
    this.samples = [{ at: this.now(), bytes: bytesDone }];
  }

  add(bytes: number, parts = 1): void {
    this.bytesDone += bytes;
    this.partsDone += parts;
    const at = this.now();
    const last = this.samples[this.samples.length - 1];
    const previous = this.samples[this.samples.length - 2];
    // Many small additions (a download's chunks) keep one sample per 100 ms, not one each.
    if (last && previous && at - previous.at < 100) {
      last.at = at;
      last.bytes = this.bytesDone;
    } else this.samples.push({ at, bytes: this.bytesDone });
    // Keep one sample older than the window as the baseline the rate is measured from.
    while (this.samples.length > 2 && (this.samples[1] as Sample).at <= at - this.windowMs)
      this.samples.shift();
  }

  snapshot(): UploadProgress {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const elapsed = first && last ? (last.at - first.at) / 1000 : 0;
    const rate = first && last && elapsed > 0 ? (last.bytes - first.bytes) / elapsed : 0;
    const left = this.bytesTotal - this.bytesDone;
    return {
      bytesDone: this.bytesDone,
      bytesTotal: this.bytesTotal,
      rate,
      etaSeconds: left === 0 ? 0 : rate > 0 ? left / rate : undefined,
      partsDone: this.partsDone,
      partCount: this.partCount,
    };
  }
}
