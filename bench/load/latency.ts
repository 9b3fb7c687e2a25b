/** Nearest-rank percentile of `values` (which need not be sorted); NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export interface OperationStats {
  operation: string;
  requests: number;
  p50: number;
  p99: number;
  /** Answers that were not 2xx, by status (0: no answer at all, e.g. a refused connection). */
  errorsByStatus: Map<number, number>;
}

export interface Sample {
  operation: string;
  status: number;
  ms: number;
}

/** Per-operation request counts, p50/p99 latency and non-2xx answers, busiest first. */
export function statsByOperation(samples: readonly Sample[]): OperationStats[] {
  const groups = new Map<string, Sample[]>();
  for (const sample of samples) {
    const group = groups.get(sample.operation) ?? [];
    group.push(sample);
    groups.set(sample.operation, group);
  }
  return [...groups]
    .map(([operation, group]) => {
      const errorsByStatus = new Map<number, number>();
      for (const { status } of group)
        if (status < 200 || status > 299)
          errorsByStatus.set(status, (errorsByStatus.get(status) ?? 0) + 1);
      const ms = group.map((s) => s.ms);
      return {
        operation,
        requests: group.length,
        p50: percentile(ms, 50),
        p99: percentile(ms, 99),
        errorsByStatus,
      };
    })
    .sort((a, b) => b.requests - a.requests);
}
