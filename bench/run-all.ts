// Runs every benchmark in turn, each as a child process with round counts that keep the whole
// run under 10 minutes on a 2-core machine, and writes a summary of the run (each benchmark's
// duration, exit code and goals met) at the top of BENCHMARKS.md. Each benchmark writes its own
// section there through writeBenchReport.
//
// Exit code: non-zero when a benchmark failed to run (non-zero exit, timeout, or no report).
// A missed goal is reported, not fatal: on a shared, noisy machine a ratio can miss by noise, and
// the point of the run is to record the figures; BENCH_STRICT=1 makes misses fail too.
//
//   npm run bench                           build, bundle, then this
//   node dist/bench/run-all.js [name …]     only these (cold-init, create-upload, …)
//   BENCH_FULL=1 …                          each benchmark's own, longer defaults
//   BENCH_TIMEOUT_S=…                       per-benchmark time limit (default 240 s)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  type BenchFigure,
  benchmarksFile,
  resultsDir,
  verdict,
  workspaceRoot,
  writeMarkdownSection,
} from './report';

interface Bench {
  name: string;
  /** The bundle, relative to dist/bench. */
  script: string;
  /** The knobs that bound its run (see each benchmark's header). */
  bounded: Record<string, string>;
}

/**
 * In the order they run. The bounded knobs are sized from measured runs on the 2-core machine
 * (see the durations in BENCHMARKS.md's run section); each still takes enough samples for its
 * medians and p99s to mean something.
 */
const BENCHES: Bench[] = [
  { name: 'cold-init', script: 'cold-init.js', bounded: { BENCH_ROUNDS: '5' } },
  {
    name: 'create-upload',
    script: 'create-upload.js',
    bounded: { BENCH_ROUNDS: '3', BENCH_SECONDS: '5' },
  },
  {
    name: 'upload-throughput',
    script: 'upload-throughput.js',
    bounded: { BENCH_SIZE_MIB: '256', BENCH_ROUNDS: '2' },
  },
  { name: 'list-files', script: 'list-files.js', bounded: { BENCH_ROUNDS: '100' } },
  { name: 'stray-removal', script: 'stray-removal.js', bounded: { BENCH_ROUNDS: '20' } },
  {
    name: 'share-download',
    script: 'share-download.js',
    bounded: { BENCH_ROUNDS: '4', BENCH_SECONDS: '4' },
  },
  {
    name: 'key-creation',
    script: 'key-creation.js',
    bounded: { BENCH_ROUNDS: '3', BENCH_USERS: '10', BENCH_SECONDS: '3' },
  },
  { name: 'portal', script: 'portal.js', bounded: { BENCH_ROUNDS: '5' } },
];

interface Outcome {
  bench: Bench;
  seconds: number;
  /** The exit code, or the signal that ended it. */
  exit: string;
  /** Why it counts as not having run, if it does. */
  failure?: string;
  figures: BenchFigure[];
}

const root = workspaceRoot();
const benchDir = path.join(root, 'dist', 'bench');
const full = process.env['BENCH_FULL'] === '1';
const strict = process.env['BENCH_STRICT'] === '1';
const timeoutMs = Number(process.env['BENCH_TIMEOUT_S'] ?? 240) * 1000;

/** The child running now, so Ctrl-C can stop it and the servers it started. */
let current: ReturnType<typeof spawn> | undefined;

function stopGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    // Negative: the child's process group, i.e. the benchmark and every server it forked.
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** The report the benchmark wrote during this run, if it wrote one. */
function freshReport(name: string, since: Date): BenchFigure[] | undefined {
  const file = path.join(resultsDir(), `${name}.json`);
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    measuredAt?: string;
    figures?: BenchFigure[];
  };
  if (!report.measuredAt || new Date(report.measuredAt) < since) return undefined;
  // JSON turns NaN into null; a null value is a failed measurement, which verdict() counts a miss.
  return (report.figures ?? []).map((f) => ({ ...f, value: f.value ?? Number.NaN }));
}

function runBench(bench: Bench): Promise<Outcome> {
  const script = path.join(benchDir, bench.script);
  if (!existsSync(script)) {
    return Promise.resolve({
      bench,
      seconds: 0,
      exit: '—',
      failure: `${script} is missing: bundle the benchmarks first (npm run bench)`,
      figures: [],
    });
  }
  const since = new Date();
  const started = performance.now();
  const env = { ...process.env, ...(full ? {} : bench.bounded) };
  console.log(
    `\n=== ${bench.name} ${
      full
        ? '(full)'
        : Object.entries(bench.bounded)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')
    }`,
  );
  return new Promise((resolve) => {
    // Its own process group, so a timeout stops the servers it forked as well.
    const child = spawn(process.execPath, [script], {
      cwd: root,
      env,
      stdio: 'inherit',
      detached: true,
    });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stopGroup(child.pid, 'SIGTERM');
      setTimeout(() => stopGroup(child.pid, 'SIGKILL'), 10_000).unref();
    }, timeoutMs);
    const finish = (exit: string, error?: string) => {
      clearTimeout(timer);
      current = undefined;
      const seconds = (performance.now() - started) / 1000;
      const figures = freshReport(bench.name, since);
      const failure =
        error ??
        (timedOut
          ? `stopped after the ${timeoutMs / 1000} s limit`
          : exit !== '0'
            ? `exited ${exit}`
            : figures === undefined
              ? 'wrote no report'
              : undefined);
      resolve({ bench, seconds, exit, failure, figures: figures ?? [] });
    };
    child.on('error', (error) => finish('—', error.message));
    child.on('exit', (code, signal) => {
      // Servers it left behind, if it died without stopping them.
      stopGroup(child.pid, 'SIGKILL');
      finish(code === null ? String(signal) : String(code));
    });
  });
}

function summary(outcomes: Outcome[], totalSeconds: number, started: Date): string {
  const rows = outcomes.map((o) => {
    const judged = o.figures.map(verdict).filter((v) => v !== undefined);
    const misses = judged.filter((v) => v === 'miss').length;
    const goals = judged.length
      ? `${judged.length - misses}/${judged.length} met${misses ? ` (${misses} missed)` : ''}`
      : '—';
    const knobs = full
      ? 'own defaults'
      : Object.entries(o.bench.bounded)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
    const status = o.failure ? `❌ ${o.failure}` : '✅ ran';
    return `| ${o.bench.name} | ${o.seconds.toFixed(0)} s | ${o.exit} | ${status} | ${goals} | ${knobs} |`;
  });
  return [
    '## Last run',
    '',
    `Started ${started.toISOString()}; ${outcomes.length} benchmark${outcomes.length === 1 ? '' : 's'} in ${totalSeconds.toFixed(0)} s (${(totalSeconds / 60).toFixed(1)} min), one after another. Command: \`npm run bench\` (\`node dist/bench/run-all.js\` once bundled).`,
    '',
    '| Benchmark | Duration | Exit | Status | Goals | Knobs |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'A missed goal is reported here and in its section but does not fail the run (BENCH_STRICT=1 makes it); a benchmark that fails to run does.',
  ].join('\n');
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !BENCHES.some((b) => b.name === name));
  if (unknown.length) {
    console.error(
      `unknown benchmark ${unknown.join(', ')}; there are ${BENCHES.map((b) => b.name).join(', ')}`,
    );
    process.exit(2);
  }
  const chosen = wanted.length ? BENCHES.filter((b) => wanted.includes(b.name)) : BENCHES;
  process.on('SIGINT', () => {
    stopGroup(current?.pid, 'SIGKILL');
    process.exit(130);
  });

  const startedAt = new Date();
  const started = performance.now();
  const outcomes: Outcome[] = [];
  for (const bench of chosen) outcomes.push(await runBench(bench));
  const totalSeconds = (performance.now() - started) / 1000;
  writeMarkdownSection('run', summary(outcomes, totalSeconds, startedAt));

  console.log(`\n=== all benchmarks: ${totalSeconds.toFixed(0)} s`);
  for (const o of outcomes) {
    const misses = o.figures.filter((f) => verdict(f) === 'miss').map((f) => f.name);
    console.log(
      `${o.bench.name.padEnd(18)} ${`${o.seconds.toFixed(0)} s`.padStart(6)}  exit ${o.exit.padEnd(3)} ${o.failure ? `FAILED: ${o.failure}` : misses.length ? `missed: ${misses.join('; ')}` : 'ok'}`,
    );
  }
  const failed = outcomes.filter((o) => o.failure);
  const missed = outcomes.some((o) => o.figures.some((f) => verdict(f) === 'miss'));
  console.log(`figures: ${benchmarksFile()}`);
  if (failed.length || (strict && missed)) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
