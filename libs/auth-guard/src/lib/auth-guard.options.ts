/** What an app passes to `AuthGuardModule.forRoot`, usually straight from its typed config. */
export interface AuthGuardOptions {
  /** Base URL of the auth microservice (`AUTH_ENDPOINT`); `/v1/userinfo` is appended. */
  endpoint: string;
  /** Sent as `x-api-key` when set (`AUTH_API_KEY`). */
  apiKey?: string;
  /** Per-lookup timeout; default 3000. */
  timeoutMs?: number;
  /** How long a successful answer is reused; default 60, 0 disables the cache. */
  cacheTtlSeconds?: number;
  /** Upper bound on cached answers (and, separately, on cached rejections); default 10,000. */
  cacheMaxEntries?: number;
  /**
   * How long a token the auth service answered 401 for is refused from memory; default 30,
   * 0 disables. Kept short: it only spares the auth service repeated look-ups of a bad token.
   */
  negativeCacheTtlSeconds?: number;
  /**
   * How many userinfo look-ups of tokens not in the cache one client (address) may cause per
   * minute; default 30. Beyond that the guard answers 429 without calling. Cached tokens are
   * never counted.
   */
  lookupsPerClientPerMinute?: number;
}

export interface ResolvedAuthGuardOptions {
  /** Normalised: no trailing slash. */
  endpoint: string;
  apiKey?: string;
  timeoutMs: number;
  cacheTtlSeconds: number;
  cacheMaxEntries: number;
  negativeCacheTtlSeconds: number;
  lookupsPerClientPerMinute: number;
}

/** Milliseconds since the epoch; replaced in tests to move time without waiting. */
export type Clock = () => number;

export const AUTH_GUARD_OPTIONS = 'enclave:auth-guard:options';
export const AUTH_CLOCK = 'enclave:auth-guard:clock';

export const AUTH_GUARD_DEFAULTS = {
  timeoutMs: 3000,
  cacheTtlSeconds: 60,
  cacheMaxEntries: 10_000,
  negativeCacheTtlSeconds: 30,
  lookupsPerClientPerMinute: 30,
} as const;

/** Applies defaults and fails at start, naming the bad option, rather than on the first request. */
export function resolveAuthGuardOptions(options: AuthGuardOptions): ResolvedAuthGuardOptions {
  const problems: string[] = [];
  let endpoint = '';
  try {
    const url = new URL(options.endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      problems.push('endpoint must be http(s)');
    endpoint = options.endpoint.replace(/\/+$/, '');
  } catch {
    problems.push(`endpoint is not a URL: ${JSON.stringify(options.endpoint)}`);
  }
  const timeoutMs = options.timeoutMs ?? AUTH_GUARD_DEFAULTS.timeoutMs;
  const cacheTtlSeconds = options.cacheTtlSeconds ?? AUTH_GUARD_DEFAULTS.cacheTtlSeconds;
  const cacheMaxEntries = options.cacheMaxEntries ?? AUTH_GUARD_DEFAULTS.cacheMaxEntries;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) problems.push('timeoutMs must be > 0');
  if (!Number.isFinite(cacheTtlSeconds) || cacheTtlSeconds < 0) {
    problems.push('cacheTtlSeconds must be >= 0');
  }
  if (!Number.isInteger(cacheMaxEntries) || cacheMaxEntries < 1) {
    problems.push('cacheMaxEntries must be a positive integer');
  }
  const negativeCacheTtlSeconds =
    options.negativeCacheTtlSeconds ?? AUTH_GUARD_DEFAULTS.negativeCacheTtlSeconds;
  if (!Number.isFinite(negativeCacheTtlSeconds) || negativeCacheTtlSeconds < 0) {
    problems.push('negativeCacheTtlSeconds must be >= 0');
  }
  const lookupsPerClientPerMinute =
    options.lookupsPerClientPerMinute ?? AUTH_GUARD_DEFAULTS.lookupsPerClientPerMinute;
  if (!Number.isInteger(lookupsPerClientPerMinute) || lookupsPerClientPerMinute < 1) {
    problems.push('lookupsPerClientPerMinute must be a positive integer');
  }
  if (problems.length) throw new Error(`Invalid auth guard options: ${problems.join('; ')}`);
  return {
    endpoint,
    // An empty key (unset variable rendered as "") means "no key", not "send an empty header".
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    timeoutMs,
    cacheTtlSeconds,
    cacheMaxEntries,
    negativeCacheTtlSeconds,
    lookupsPerClientPerMinute,
  };
}
