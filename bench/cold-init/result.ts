/** What invoke-health.ts reports to bench/cold-init.ts, on one stdout line after this prefix. */
export const RESULT_PREFIX = 'cold-init ';

export interface ColdInitTimes {
  /** Process start → the bundle is loaded (its module-level code has run). */
  loadedMs: number;
  /** Process start → the handler's answer to the first event. */
  answeredMs: number;
}
