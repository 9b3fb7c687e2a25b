import type { BenchFigure, BenchReport } from '../report';
import { type OperationStats, statsByOperation } from './latency';
import type { RecordedSample } from './recorder';
import type { LoadSettings } from './settings';

export interface LoadOutcome {
  settings: LoadSettings;
  /** Wall time of the load phase, from the first step to the last user's last answer. */
  elapsedSeconds: number;
  samples: readonly RecordedSample[];
  uploads: { single: number; multipart: number };
  downloadsChecked: number;
  shares: number;
  deletes: number;
  stepFailures: string[];
  findings: string[];
  serverErrors: number;
}

function errorText(stats: OperationStats): string {
  return [...stats.errorsByStatus].map(([status, count]) => `${status}×${count}`).join(' ') || '-';
}

/** The console table: requests/s, then per operation count, p50/p99 and non-2xx by status. */
export function printOutcome(outcome: LoadOutcome): void {
  const load = outcome.samples.filter((s) => s.phase === 'load');
  const stats = statsByOperation(load);
  const { users, seconds } = outcome.settings;
  console.log(
    `load: ${users} users × ${seconds} s (${outcome.elapsedSeconds.toFixed(1)} s wall), ${load.length} requests, ${(load.length / outcome.elapsedSeconds).toFixed(1)} requests/s`,
  );
  console.log(
    `  ${outcome.uploads.single} single-PUT + ${outcome.uploads.multipart} multipart uploads, ${outcome.downloadsChecked} downloads hashed, ${outcome.shares} shares resolved, ${outcome.deletes} deletes`,
  );
  console.log('operation               requests   p50 ms   p99 ms   non-2xx by status');
  for (const s of stats)
    console.log(
      `${s.operation.padEnd(22)} ${String(s.requests).padStart(9)} ${s.p50.toFixed(1).padStart(8)} ${s.p99.toFixed(1).padStart(8)}   ${errorText(s)}`,
    );
  const errors = new Map<number, number>();
  for (const s of stats)
    for (const [status, count] of s.errorsByStatus)
      errors.set(status, (errors.get(status) ?? 0) + count);
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  console.log(
    `errors: ${errorCount}${errorCount ? ` (${[...errors].map(([st, n]) => `${st}: ${n}`).join(', ')})` : ''}; 5xx over the whole run (checks included): ${outcome.serverErrors}`,
  );
  console.log(`step failures: ${outcome.stepFailures.length}`);
  for (const failure of outcome.stepFailures.slice(0, 20)) console.log(`  ${failure}`);
  console.log(`integrity findings: ${outcome.findings.length}`);
  for (const finding of outcome.findings.slice(0, 20)) console.log(`  ${finding}`);
}

/** The figures for BENCHMARKS.md: throughput, latency per operation, and the zero-counts. */
export function loadReport(outcome: LoadOutcome): BenchReport {
  const load = outcome.samples.filter((s) => s.phase === 'load');
  const stats = statsByOperation(load);
  const errors = load.filter((s) => s.status < 200 || s.status > 299).length;
  const figures: BenchFigure[] = [
    { name: 'requests/s (API and S3)', value: load.length / outcome.elapsedSeconds, unit: 'req/s' },
    ...stats.flatMap((s): BenchFigure[] => [
      { name: `${s.operation} p50 (${s.requests} requests)`, value: s.p50, unit: 'ms' },
      { name: `${s.operation} p99`, value: s.p99, unit: 'ms' },
    ]),
    { name: 'non-2xx answers', value: errors, unit: 'answers' },
    { name: '5xx answers', value: outcome.serverErrors, unit: 'answers', limit: 0 },
    { name: 'failed steps', value: outcome.stepFailures.length, unit: 'steps', limit: 0 },
    { name: 'integrity findings', value: outcome.findings.length, unit: 'findings', limit: 0 },
  ];
  const { users, seconds } = outcome.settings;
  return {
    bench: 'load',
    title: 'Load with integrity',
    reproduce: `LOAD_USERS=${users} LOAD_SECONDS=${seconds} npm run load`,
    figures,
    notes: [
      `${users} simulated users, each uploading, listing, downloading (SHA-256 compared), sharing by link and deleting for ${seconds} s against the whole product on loopback (every service, the gateway, the stand-ins), rate limits raised.`,
      `${outcome.uploads.single} single-PUT and ${outcome.uploads.multipart} multipart uploads, ${outcome.downloadsChecked} downloads hashed, ${outcome.shares} shares resolved, ${outcome.deletes} deletes.`,
      'Afterwards every READY file is listed (all pages) and has its object; every deleted file answers 404, is not listed and has no object in S3.',
      'Latency includes the whole response body; the harness shares the machine with the product, so figures are noisy.',
    ],
  };
}
