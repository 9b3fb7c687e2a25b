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
import { TokenRejected } from './token-rejected';

interface Entry {
  user: AuthenticatedUser;
  expiresAt: number;
}

/** Cache key for a token: its SHA-256, so a heap dump of the cache yields no usable token. */
export function tokenCacheKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Called before a real look-up (not for cached or shared ones); throw to refuse it. */
export type AdmitLookup = () => void;

/**
 * Successful userinfo answers, reused for `cacheTtlSeconds` but never past the token's own
 * `exp`: so a token revoked at the auth service stops working here within that TTL. Definitive
 * rejections (a 401 from userinfo, see TokenRejected) are remembered for
 * `negativeCacheTtlSeconds`, in a separate LRU so that junk tokens can never evict real users;
 * outages, timeouts and 5xx are never stored. Concurrent look-ups of one token share one call,
 * so a burst of requests with a fresh token costs the auth service a single request.
 */
@Injectable()
export class UserinfoCache {
  private readonly entries: LRUCache<string, Entry>;
  /** Token hash → when the remembered rejection expires (ms). */
  private readonly rejections: LRUCache<string, number>;
  private readonly inFlight = new Map<string, Promise<AuthenticatedUser>>();
  private readonly ttlMs: number;
  private readonly negativeTtlMs: number;

  constructor(
    @Inject(AUTH_GUARD_OPTIONS)
    options: Pick<
      ResolvedAuthGuardOptions,
      'cacheTtlSeconds' | 'cacheMaxEntries' | 'negativeCacheTtlSeconds'
    >,
    @Inject(AUTH_CLOCK) private readonly now: Clock,
  ) {
    this.ttlMs = options.cacheTtlSeconds * 1000;
    this.negativeTtlMs = options.negativeCacheTtlSeconds * 1000;
    this.entries = new LRUCache({ max: options.cacheMaxEntries });
    this.rejections = new LRUCache({ max: options.cacheMaxEntries });
  }

  /**
   * The cached user for `token`, a remembered rejection, or the result of `load(token)` (shared
   * with concurrent callers). `admit` runs only when a new look-up is about to start; what it
   * throws is this caller's alone (not shared, not cached).
   */
  resolve(
    token: string,
    load: (token: string) => Promise<AuthenticatedUser>,
    admit?: AdmitLookup,
  ): Promise<AuthenticatedUser> {
    const key = tokenCacheKey(token);
    const hit = this.entries.get(key);
    if (hit) {
      if (hit.expiresAt > this.now()) return Promise.resolve(hit.user);
      this.entries.delete(key);
    }
    const rejectedUntil = this.rejections.get(key);
    if (rejectedUntil !== undefined) {
      if (rejectedUntil > this.now()) return Promise.reject(new TokenRejected(true));
      this.rejections.delete(key);
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;

    try {
      admit?.();
    } catch (error) {
      return Promise.reject(error);
    }
    const lookup = Promise.resolve()
      .then(() => load(token))
      .then(
        (user) => {
          this.store(key, token, user);
          return user;
        },
        (error: unknown) => {
          if (error instanceof TokenRejected && error.definitive) this.remember(key);
          throw error;
        },
      )
      .finally(() => {
        if (this.inFlight.get(key) === lookup) this.inFlight.delete(key);
      });
    this.inFlight.set(key, lookup);
    return lookup;
  }

  get size(): number {
    return this.entries.size;
  }

  /** How many rejections are remembered. */
  get rejectedSize(): number {
    return this.rejections.size;
  }

  /** The stored keys (token hashes), most recently used first; for diagnostics and tests. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** The keys (token hashes) of remembered rejections; for diagnostics and tests. */
  rejectedKeys(): string[] {
    return [...this.rejections.keys()];
  }

  clear(): void {
    this.entries.clear();
    this.rejections.clear();
  }

  private store(key: string, token: string, user: AuthenticatedUser): void {
    const now = this.now();
    let expiresAt = now + this.ttlMs;
    const exp = jwtExpiry(token);
    if (exp !== undefined) expiresAt = Math.min(expiresAt, exp * 1000);
    if (expiresAt > now) this.entries.set(key, { user, expiresAt });
  }

  private remember(key: string): void {
    if (this.negativeTtlMs > 0) this.rejections.set(key, this.now() + this.negativeTtlMs);
  }
}
