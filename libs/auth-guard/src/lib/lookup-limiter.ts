import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import {
  AUTH_CLOCK,
  AUTH_GUARD_OPTIONS,
  type Clock,
  type ResolvedAuthGuardOptions,
} from './auth-guard.options';

interface Bucket {
  tokens: number;
  at: number;
}

const MINUTE_MS = 60_000;

/**
 * How many userinfo look-ups each client may cause: a token bucket per client key holding
 * `lookupsPerClientPerMinute`, refilled continuously at that rate per minute. So a client may
 * burst up to the limit, then look up one more token every 60/limit seconds; a flood of junk
 * tokens from one address costs the auth service at most that. Only look-ups are counted (the
 * cache decides what is one), so a caller whose token is cached is never refused.
 *
 * Buckets live in an LRU of `cacheMaxEntries` clients; a client evicted from it starts afresh,
 * which needs that many other clients in between, at which point per-client limits are not what
 * protects the auth service.
 */
@Injectable()
export class LookupLimiter {
  private readonly buckets: LRUCache<string, Bucket>;
  private readonly capacity: number;
  private readonly msPerToken: number;

  constructor(
    @Inject(AUTH_GUARD_OPTIONS)
    options: Pick<ResolvedAuthGuardOptions, 'lookupsPerClientPerMinute' | 'cacheMaxEntries'>,
    @Inject(AUTH_CLOCK) private readonly now: Clock,
  ) {
    this.capacity = options.lookupsPerClientPerMinute;
    this.msPerToken = MINUTE_MS / options.lookupsPerClientPerMinute;
    this.buckets = new LRUCache({ max: options.cacheMaxEntries });
  }

  /**
   * Spends one look-up of `client`'s allowance. Returns 0 when allowed, otherwise the whole
   * seconds until the next look-up is (for Retry-After); a refusal spends nothing.
   */
  take(client: string): number {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.capacity, at: now };
    const elapsed = Math.max(0, now - bucket.at);
    const tokens = Math.min(this.capacity, bucket.tokens + elapsed / this.msPerToken);
    if (tokens >= 1) {
      this.buckets.set(client, { tokens: tokens - 1, at: now });
      return 0;
    }
    this.buckets.set(client, { tokens, at: now });
    return Math.max(1, Math.ceil(((1 - tokens) * this.msPerToken) / 1000));
  }
}
