import type * as fc from 'fast-check';

/**
 * Runs per property when FUZZ_RUNS is not set: enough to reach the rare hazards (each arbitrary
 * weights them up) while the whole suite stays within about two minutes on a 2-core machine.
 */
export const DEFAULT_RUNS = 200;

function positiveWholeNumber(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1`);
  return value;
}

/** How many runs each property makes: FUZZ_RUNS (the `fuzz` target raises it) or the default. */
export function fuzzRuns(): number {
  return positiveWholeNumber('FUZZ_RUNS') ?? DEFAULT_RUNS;
}

/**
 * fc.assert's parameters: `share` of the run count (expensive properties, such as multi-MiB
 * bodies, take fewer), and FUZZ_SEED when set, so a failure's printed seed (and path) replays it.
 */
export function fuzzParameters<T>(share = 1): fc.Parameters<T> {
  const seed = process.env['FUZZ_SEED'];
  const path = process.env['FUZZ_PATH'];
  return {
    numRuns: Math.max(3, Math.round(fuzzRuns() * share)),
    ...(seed === undefined || seed === '' ? {} : { seed: Number(seed) }),
    ...(path === undefined || path === '' ? {} : { path }),
  };
}

/**
 * A jest timeout for one property: generous per run (a request and three reads of the stack,
 * plus shrinking should it fail), since a timeout would hide the counterexample.
 */
export function propertyTimeoutMs(share = 1, msPerRun = 250): number {
  return 120_000 + Math.max(3, Math.round(fuzzRuns() * share)) * msPerRun;
}
