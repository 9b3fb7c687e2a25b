import type { Schemas } from '@enclave/api-contract';
import type { FilesApi } from './files-api';

export type PresignedPart = Schemas['PresignPartsResponse']['parts'][number];

/** The API presigns at most this many parts per call. */
export const MAX_PRESIGN_BATCH = 100;
// A URL this close to its expiry is not worth starting a PUT with.
const EXPIRY_MARGIN_MS = 30_000;

interface Waiter {
  resolve: (part: PresignedPart) => void;
  reject: (error: unknown) => void;
}

export interface PartUrlsOptions {
  api: FilesApi;
  fileId: string;
  /** Parts likely to be asked for next, so one call fetches several (only without checksums). */
  upcoming: () => readonly number[];
  batchSize: number;
  now?: () => number;
}

/**
 * Presigned part URLs on demand. Without checksums one call also fetches the next few parts'
 * URLs; with checksums a URL needs its part's digest, so requests arriving together (one per
 * parallel worker) are merged into one call instead. URLs are short-lived: an expired or nearly
 * expired URL is fetched again.
 */
export class PartUrls {
  private readonly cache = new Map<number, PresignedPart>();
  private readonly waiting = new Map<number, Waiter[]>();
  private queued = new Map<number, string | undefined>();
  private flushScheduled = false;
  private readonly now: () => number;

  constructor(private readonly options: PartUrlsOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A usable URL for the part; `sha256` is required when the upload uses checksums. */
  get(partNumber: number, sha256?: string): Promise<PresignedPart> {
    const cached = this.cache.get(partNumber);
    if (cached && this.fresh(cached)) {
      this.cache.delete(partNumber);
      return Promise.resolve(cached);
    }
    this.cache.delete(partNumber);
    return new Promise<PresignedPart>((resolve, reject) => {
      const waiters = this.waiting.get(partNumber) ?? [];
      waiters.push({ resolve, reject });
      this.waiting.set(partNumber, waiters);
      this.queued.set(partNumber, sha256);
      this.scheduleFlush();
    });
  }

  private fresh(part: PresignedPart): boolean {
    return Date.parse(part.expires_at) - EXPIRY_MARGIN_MS > this.now();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // One macrotask later, so that workers asking at the same moment share one call.
    setTimeout(() => {
      this.flushScheduled = false;
      void this.flush();
    }, 0);
  }

  private async flush(): Promise<void> {
    const asked = [...this.queued.entries()].slice(0, MAX_PRESIGN_BATCH);
    for (const [part] of asked) this.queued.delete(part);
    if (this.queued.size > 0) this.scheduleFlush();
    const partNumbers = asked.map(([part]) => part);
    const digests = asked.filter((entry): entry is [number, string] => entry[1] !== undefined);
    if (digests.length === 0) {
      // Prefetch the parts the workers will want next, up to one batch.
      for (const part of this.options.upcoming()) {
        if (partNumbers.length >= this.options.batchSize) break;
        if (!partNumbers.includes(part) && !this.cache.has(part) && !this.queued.has(part))
          partNumbers.push(part);
      }
    }
    try {
      const answer = await this.options.api.presignParts(this.options.fileId, {
        part_numbers: partNumbers,
        ...(digests.length > 0
          ? { sha256: Object.fromEntries(digests.map(([n, h]) => [String(n), h])) }
          : {}),
      });
      for (const part of answer.parts) {
        const waiters = this.waiting.get(part.part_number);
        this.waiting.delete(part.part_number);
        if (waiters) for (const waiter of waiters) waiter.resolve(part);
        else this.cache.set(part.part_number, part);
      }
      for (const [part] of asked)
        this.fail(part, new Error(`no URL was presigned for part ${part}`));
    } catch (error) {
      for (const [part] of asked) this.fail(part, error);
    }
  }

  private fail(partNumber: number, error: unknown): void {
    const waiters = this.waiting.get(partNumber);
    this.waiting.delete(partNumber);
    if (waiters) for (const waiter of waiters) waiter.reject(error);
  }
}
