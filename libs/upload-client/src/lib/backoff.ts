import { isAbortError } from './errors';

export interface RetryOptions {
  /** Further tries after the first; default 5. */
  retries?: number;
  /** The first delay's ceiling; each retry doubles it. Default 500 ms. */
  baseDelayMs?: number;
  /** Delays never exceed this; default 20 s. */
  maxDelayMs?: number;
  /** Uniform [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  return {
    retries: options.retries ?? 5,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 20_000,
    random: options.random ?? Math.random,
  };
}

/**
 * "Full jitter" (a random delay between 0 and the exponential ceiling) spreads the retries of
 * many parallel parts so that they do not hit a recovering server in lockstep.
 */
export function backoffDelay(attempt: number, options: ResolvedRetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.floor(options.random() * ceiling);
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException('The operation was aborted', 'AbortError');
}

export interface RetryHooks {
  signal?: AbortSignal;
  /** Decides whether `error` deserves another try. */
  retryable: (error: unknown) => boolean;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** Runs `task` until it succeeds, a failure is not retryable, or the retries are used up. */
export async function withRetry<T>(
  task: (attempt: number) => Promise<T>,
  options: ResolvedRetryOptions,
  hooks: RetryHooks,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await task(attempt);
    } catch (error) {
      if (hooks.signal?.aborted || isAbortError(error)) throw error;
      if (attempt >= options.retries || !hooks.retryable(error)) throw error;
      const delay = backoffDelay(attempt, options);
      hooks.onRetry?.(error, attempt + 1, delay);
      await sleep(delay, hooks.signal);
    }
  }
}
