import type { ThrottlerStorage } from '@nestjs/throttler';
import { LRUCache } from 'lru-cache';

interface Window {
  hits: number;
  endsAt: number;
}

export type Clock = () => number;

/**
 * Counts each caller's requests in fixed windows of `ttl`: one counter per key, so a request
 * costs the same however many came before it. (@nestjs/throttler's own storage keeps one
 * timestamp per request of the window and scans them on every request, which made each request
 * cost more the busier its caller was.) A fixed window lets a caller reach twice the limit across
 * a window's edge; for a limit meant to stop floods, not to meter, that is fine.
 *
 * Windows live in an LRU of `maxKeys` callers: one evicted starts afresh, which needs that many
 * other callers within a minute, at which point per-caller limits are not what protects us.
 */
export class RateLimitWindows implements ThrottlerStorage {
  private readonly windows: LRUCache<string, Window>;

  constructor(
    maxKeys = 100_000,
    private readonly now: Clock = Date.now,
  ) {
    this.windows = new LRUCache({ max: maxKeys });
  }

  async increment(key: string, ttl: number, limit: number) {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { hits: 0, endsAt: now + ttl };
      this.windows.set(key, window);
    }
    window.hits++;
    const isBlocked = window.hits > limit;
    const timeToExpire = Math.max(1, Math.ceil((window.endsAt - now) / 1000));
    return {
      totalHits: window.hits,
      timeToExpire,
      isBlocked,
      timeToBlockExpire: isBlocked ? timeToExpire : 0,
    };
  }
}
