// Benchmark: Lambda cold init. Each measurement is a fresh `node` process that loads a bundle and
// answers one API Gateway v2 `GET /health` event through its handler, as a new Lambda container
// does. The service bundles are measured beside two baselines built here in the same run:
//   A  bench/baselines/minimal-nest-lambda.ts  the smallest Nest + serverless-express Lambda
//                                              with the same AWS SDK clients (the headline ratio)
//   B  bench/baselines/sdk-only-lambda.ts      the same SDK clients, no framework (the floor)
// Rounds alternate A B C … so drift on a noisy machine hits all of them.
//
//   npm run bench:cold-init                      (BENCH_ROUNDS tunes it: default 7, at least 5)
//   node dist/bench/cold-init.js --bundle dist/apps/x/lambda.js [--bundle …] [--env KEY=VALUE …]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type ColdInitTimes, RESULT_PREFIX } from './cold-init/result';
import { median } from './median';

const GOAL_RATIO = 1.3;
const GOAL_MB = 3;

interface Target {
  label: string;
  file: string;
}

interface Sample extends ColdInitTimes {
  /** Parent's view: spawn → the child process has exited. */
  wallMs: number;
}

/** The workspace root: the nearest folder up from here holding nx.json. */
function workspaceRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

const root = workspaceRoot();
const { values } = parseArgs({
  options: {
    bundle: { type: 'string', multiple: true },
    // Extra environment for the bundles under test (another service may need more settings).
    env: { type: 'string', multiple: true },
  },
});
const rounds = Math.max(5, Number(process.env['BENCH_ROUNDS'] ?? 7) || 7);
const serviceBundles = values.bundle?.length ? values.bundle : ['dist/apps/uploads-api/lambda.js'];

// What the services need to boot, and no more: a Lambda's environment is small too. Nothing
// listens on AUTH_ENDPOINT; GET /health is public and never calls it.
const childEnv: Record<string, string> = {
  PATH: process.env['PATH'] ?? '',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDCOLDINITBENCH',
  AWS_SECRET_ACCESS_KEY: 'cold-init-bench-secret',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  S3_BUCKET: 'enclave-cold-init-bench',
  AUTH_ENDPOINT: 'http://127.0.0.1:9',
  LOG_LEVEL: 'silent',
};
for (const pair of values.env ?? []) {
  const at = pair.indexOf('=');
  if (at < 1) throw new Error(`--env takes KEY=VALUE, not ${pair}`);
  childEnv[pair.slice(0, at)] = pair.slice(at + 1);
}

/** Bundles the baselines as the services ship: minified, for Lambda's Node, nothing external. */
function buildBaselines(outdir: string): Target[] {
  execFileSync(
    process.execPath,
    [
      path.join(root, 'tools/scripts/bundle.mjs'),
      '--outdir',
      outdir,
      '--entry',
      'bench/baselines/minimal-nest-lambda.ts',
      '--entry',
      'bench/baselines/sdk-only-lambda.ts',
      '--target',
      'node22',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  return [
    { label: 'A minimal Nest', file: path.join(outdir, 'minimal-nest-lambda.js') },
    { label: 'B SDK only', file: path.join(outdir, 'sdk-only-lambda.js') },
  ];
}

/** One cold start in a fresh process; rejects with the child's stderr unless it answered 200. */
function coldStart(runner: string, target: Target): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let wallMs = 0;
    const child = spawn(process.execPath, [runner, target.file], {
      cwd: root,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', () => (wallMs = Number(process.hrtime.bigint() - started) / 1e6));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) {
        reject(
          new Error(
            `${target.label} (${target.file}) did not answer GET /health with 200 (exit ${code}):\n${stderr.trim() || stdout.trim()}`,
          ),
        );
        return;
      }
      const times = JSON.parse(line.slice(RESULT_PREFIX.length)) as ColdInitTimes;
      resolve({ ...times, wallMs });
    });
  });
}

function spread(values: number[]): string {
  const med = median(values).toFixed(0);
  return `${med.padStart(5)} [${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}]`;
}

async function main(): Promise<void> {
  const runner = path.join(__dirname, 'cold-init', 'invoke-health.js');
  if (!existsSync(runner))
    throw new Error(`${runner} is missing: bundle bench/cold-init/invoke-health.ts beside this`);
  const baselines = buildBaselines(path.join(root, 'dist/bench/cold-init'));
  const services: Target[] = serviceBundles.map((file) => ({
    label: file,
    file: path.resolve(root, file),
  }));
  for (const service of services) {
    if (!existsSync(service.file)) throw new Error(`${service.file} is missing: build it first`);
  }

  // A first start of each warms the page cache and proves every bundle answers before timing.
  const failed: { target: Target; error: unknown }[] = [];
  const targets: Target[] = [];
  for (const target of [...baselines, ...services]) {
    try {
      await coldStart(runner, target);
      targets.push(target);
    } catch (error) {
      if (baselines.includes(target)) throw error;
      failed.push({ target, error });
    }
  }

  const samples = new Map<Target, Sample[]>(targets.map((t) => [t, []]));
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) samples.get(target)?.push(await coldStart(runner, target));
  }

  const [minimalNest, sdkOnly] = baselines as [Target, Target];
  const answered = (t: Target) => median((samples.get(t) ?? []).map((s) => s.answeredMs));
  const wall = (t: Target) => median((samples.get(t) ?? []).map((s) => s.wallMs));
  const sizeMb = (t: Target) => statSync(t.file).size / 1e6;
  const width = Math.max(...targets.map((t) => t.label.length), 14);

  console.log(
    `\ncold init: a fresh node ${process.version} per run loads the bundle and answers one API Gateway v2 GET /health;`,
  );
  console.log(
    `${rounds} rounds, medians [min–max]; "answer" is process start → handler's 200 (performance.now() in the child), "load" the part spent loading the bundle, "wall" spawn → exit seen by the parent`,
  );
  console.log(
    `${'bundle'.padEnd(width)}  size MB   load ms   answer ms            wall ms              answer ÷A  ÷B    wall ÷A  ÷B`,
  );
  for (const target of targets) {
    const runs = samples.get(target) ?? [];
    console.log(
      [
        target.label.padEnd(width),
        sizeMb(target).toFixed(2).padStart(7),
        median(runs.map((s) => s.loadedMs))
          .toFixed(0)
          .padStart(8),
        `  ${spread(runs.map((s) => s.answeredMs)).padEnd(19)}`,
        spread(runs.map((s) => s.wallMs)).padEnd(19),
        `${(answered(target) / answered(minimalNest)).toFixed(2).padStart(8)}× ${(answered(target) / answered(sdkOnly)).toFixed(2)}×`,
        `${(wall(target) / wall(minimalNest)).toFixed(2).padStart(6)}× ${(wall(target) / wall(sdkOnly)).toFixed(2)}×`,
      ].join(' '),
    );
  }
  console.log(`goal: ≤ ${GOAL_RATIO}× minimal Nest, each bundle ≤ ${GOAL_MB} MB`);
  for (const target of services.filter((t) => targets.includes(t))) {
    const ratio = answered(target) / answered(minimalNest);
    const mb = sizeMb(target);
    const meets = ratio <= GOAL_RATIO && mb <= GOAL_MB;
    console.log(
      `  ${target.label}: ${ratio.toFixed(2)}× minimal Nest, ${mb.toFixed(2)} MB → ${meets ? 'meets the goal' : 'misses the goal'}`,
    );
  }
  for (const { target, error } of failed) {
    console.error(`FAILED ${error instanceof Error ? error.message : String(error)}`);
    console.error(`  ${target.label} was left out of the figures.`);
  }
  if (failed.length) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
