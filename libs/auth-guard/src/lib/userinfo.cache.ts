import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import {
  AUTH_CLOCK,
  AUTH_GUARD_OPTIONS,
  type Clock,
  type ResolvedAuthGuardOptions,
} from './auth-guard.options';
import type { AuthenticatedUser } from './authenticated-user';
import { jwtExpiry } from './jwt';

interface Entry {
  user: AuthenticatedUser;
  expiresAt: number;
}

/** Cache key for a token: its SHA-256, so a heap dump of the cache yields no usable token. */
export function tokenCacheKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Successful userinfo answers, reused for `cacheTtlSeconds` but never past the token's own
 * `exp`. Failures are never stored. Concurrent look-ups of one token share one call, so a burst
 * of requests with a fresh token costs the auth service a single request.
 */
@Injectable()
export class UserinfoCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly inFlight = new Map<string, Promise<AuthenticatedUser>>();
  private readonly ttlMs: number;

  constructor(
    @Inject(AUTH_GUARD_OPTIONS)
    options: Pick<ResolvedAuthGuardOptions, 'cacheTtlSeconds' | 'cacheMaxEntries'>,
    @Inject(AUTH_CLOCK) private readonly now: Clock,
  ) {
    this.ttlMs = options.cacheTtlSeconds * 1000;
    this.entries = new LRUCache({ max: options.cacheMaxEntries });
  }

  /** The cached user for `token`, or the result of `load(token)` (shared with concurrent callers). */
  resolve(
    token: string,
    load: (token: string) => Promise<AuthenticatedUser>,
  ): Promise<AuthenticatedUser> {
    const key = tokenCacheKey(token);
    const hit = this.entries.get(key);
    if (hit) {
      if (hit.expiresAt > this.now()) return Promise.resolve(hit.user);
      this.entries.delete(key);
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;

    const lookup = Promise.resolve()
      .then(() => load(token))
      .then((user) => {
        this.store(key, token, user);
        return user;
      })
      .finally(() => {
        if (this.inFlight.get(key) === lookup) this.inFlight.delete(key);
      });
    this.inFlight.set(key, lookup);
    return lookup;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The stored keys (token hashes), most recently used first; for diagnostics and tests. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  clear(): void {
    this.entries.clear();
  }

  private store(key: string, token: string, user: AuthenticatedUser): void {
    const now = this.now();
    let expiresAt = now + this.ttlMs;
    const exp = jwtExpiry(token);
    if (exp !== undefined) expiresAt = Math.min(expiresAt, exp * 1000);
    if (expiresAt > now) this.entries.set(key, { user, expiresAt });
  }
}
