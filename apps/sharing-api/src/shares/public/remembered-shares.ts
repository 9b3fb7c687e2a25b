import { ACCESS_LOG_KEEP } from '@enclave/metadata';
import { LRUCache, type Perf } from 'lru-cache';
import type { ResolvedShare } from './share-outcome';

/** Enough for the busiest links of one process; each entry is a few hundred bytes. */
const MAX_SHARES = 10_000;
/** How long a process goes between reads of a share's row (see RememberedShare.logLength). */
const TTL_MS = 5 * 60_000;

/**
 * What this process remembers of one share between its downloads, so that a download need not
 * read the share row: the facts that never change once a share exists (whose file it is, whether
 * it wants a password), and two hints that choose what to do first but never decide whether the
 * share works. Revocation, expiry and the download limit are the row's to say, and the download's
 * conditional write checks them every time.
 */
export class RememberedShare {
  readonly user_id: string;
  readonly file_id: string;
  readonly password_protected: boolean;
  /** The expiry as last read. The owner may move it: it only says whether to read the row first. */
  expiresAt: string;
  /**
   * The log's length as this process reckons it: as last read or trimmed, plus what the process
   * appended since, less what it trimmed. Without other processes it is exact; their appends make
   * it low until the next read or trim tells, their trims make it high until a trim of this
   * process is refused (and it is forgotten, so the next request reads the row again).
   */
  private logLength: number;
  /** This process's appends on their way: a length read meanwhile may or may not hold them. */
  private pending = 0;

  constructor(share: ResolvedShare) {
    this.user_id = share.user_id;
    this.file_id = share.file_id;
    this.password_protected = share.password_protected;
    this.expiresAt = share.expires_at;
    this.logLength = share.log_length;
  }

  /** The row, just read. Appends still on their way are counted when they land, not here. */
  refresh(share: ResolvedShare): void {
    this.expiresAt = share.expires_at;
    this.logLength = Math.max(0, share.log_length - this.pending);
  }

  /**
   * How many entries to trim, once the log holds 2 × ACCESS_LOG_KEEP: all but the newest
   * ACCESS_LOG_KEEP; 0 while none is due. A due trim is counted as done at once, so the
   * process's racing requests do not all trim.
   */
  claimTrim(): number {
    if (this.logLength < 2 * ACCESS_LOG_KEEP) return 0;
    const drop = this.logLength - ACCESS_LOG_KEEP;
    this.logLength = ACCESS_LOG_KEEP;
    return drop;
  }

  /**
   * A trim's answer: the length it left, or undefined when the log was too short to trim.
   * `claimed` is what claimTrim answered for it: 0 for a trim nobody reckoned due (a probe, which
   * drops ACCESS_LOG_KEEP when it succeeds). False when a claimed trim was refused: the reckoning
   * is wrong, forget it.
   */
  settleTrim(length: number | undefined, claimed: number): boolean {
    if (length === undefined) return claimed === 0;
    if (claimed === 0) this.logLength = Math.max(0, this.logLength - ACCESS_LOG_KEEP);
    // The length may hold appends still pending here, which are counted again when they land.
    this.logLength = Math.max(this.logLength, length - this.pending);
    return true;
  }

  beginAppend(): void {
    this.pending++;
  }

  endAppend(appended: boolean): void {
    this.pending--;
    if (appended) this.logLength++;
  }
}

export interface RememberedSharesOptions {
  max?: number;
  ttlMs?: number;
  /** The TTL's clock (tests); performance.now by default. */
  perf?: Perf;
}

/**
 * The shares this process has read lately, by token hash, bounded in count and age. Only shares
 * that exist are remembered: a refusal reads the row anyway (its 410 says why from the row as it
 * is now), so remembering that a hash names no share would save no work, and a flood of made-up
 * tokens would push real shares out.
 */
export class RememberedShares {
  private readonly shares: LRUCache<string, RememberedShare>;

  constructor(options: RememberedSharesOptions = {}) {
    this.shares = new LRUCache({
      max: options.max ?? MAX_SHARES,
      ttl: options.ttlMs ?? TTL_MS,
      ...(options.perf ? { perf: options.perf } : {}),
    });
  }

  get(hash: string): RememberedShare | undefined {
    return this.shares.get(hash);
  }

  /** What a read of the row answered; a hash that names no share (any more) is forgotten. */
  remember(hash: string, share: ResolvedShare | undefined): RememberedShare | undefined {
    if (!share) {
      this.shares.delete(hash);
      return undefined;
    }
    const known = this.shares.get(hash);
    if (known) known.refresh(share);
    const remembered = known ?? new RememberedShare(share);
    // Set again either way: a fresh read restarts the entry's time to live.
    this.shares.set(hash, remembered);
    return remembered;
  }

  forget(hash: string): void {
    this.shares.delete(hash);
  }
}
