// Benchmark: Lambda cold init, per service. Each measurement is a fresh `node` process that loads
// a bundle and answers one API Gateway v2 `GET /health` event through its handler, as a new Lambda
// container does, with the environment the deployed function gets. Every service bundle is
// measured beside two baselines of its own, built here in the same run:
//   A  bench/baselines/cold-init/{service}-nest.ts      the smallest Nest + serverless-express
//                                                       Lambda with that service's AWS SDK clients
//                                                       (the headline ratio)
//   B  bench/baselines/cold-init/{service}-sdk-only.ts  the same clients, no framework (the floor)
// The baselines' clients are checked against each service bundle's, so neither can drift from the
// other. Rounds alternate every target, so drift on a noisy machine hits all of them.
//
//   npm run bench:cold-init                 (BENCH_ROUNDS tunes it: default 7, at least 5)
//   node dist/bench/cold-init.js [--service uploads …]
import { SERVICES, serviceEnv, type StackResources } from '@enclave/service-registry';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { coldStart, type ColdStartTarget, type Sample } from './cold-init/cold-start';
import { sdkClientsDiffer } from './cold-init/sdk-clients';
import { median } from './median';
import { type BenchFigure, writeBenchReport } from './report';

const GOAL_RATIO = 1.3;
const GOAL_MB = 3;

type Target = ColdStartTarget;

interface ServiceTargets {
  service: Target;
  nest: Target;
  sdkOnly: Target;
}

/** The workspace root: the nearest folder up from here holding nx.json. */
function workspaceRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

const root = workspaceRoot();
const { values } = parseArgs({ options: { service: { type: 'string', multiple: true } } });
const rounds = Math.max(5, Number(process.env['BENCH_ROUNDS'] ?? 7) || 7);
const chosen = SERVICES.filter((s) => !values.service?.length || values.service.includes(s.name));
if (!chosen.length) throw new Error(`--service takes ${SERVICES.map((s) => s.name).join(', ')}`);

// A deployed function's settings (per_user, the fullest mode), as apps/infra gives them: no
// endpoints, so nothing is called; GET /health is public and never reaches AUTH_ENDPOINT.
const credentials = { accessKeyId: 'AKIDCOLDINITBENCH', secretAccessKey: 'cold-init-bench-secret' };
const stack: StackResources = {
  region: 'us-east-1',
  credentials,
  endpoints: {},
  bucket: 'enclave-cold-init-bench',
  tables: { files: 'bench-files', shares: 'bench-shares', keys: 'bench-keys' },
  encryption: { kmsMode: 'per_user' },
  stage: 'bench',
  shareLinkBase: 'https://portal.example.test',
  authEndpoint: 'http://127.0.0.1:9',
  logLevel: 'info',
  corsOrigins: ['https://portal.example.test'],
};
const processEnv = {
  PATH: process.env['PATH'] ?? '',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Bundles the baselines as the services ship: minified, for Lambda's Node, nothing external. */
function buildBaselines(outdir: string): void {
  const entries = chosen.flatMap((s) => [
    `bench/baselines/cold-init/${s.name}-nest.ts`,
    `bench/baselines/cold-init/${s.name}-sdk-only.ts`,
  ]);
  execFileSync(
    process.execPath,
    [
      path.join(root, 'tools/scripts/bundle.mjs'),
      '--outdir',
      outdir,
      ...entries.flatMap((entry) => ['--entry', entry]),
      '--target',
      'node22',
    ],
    { cwd: root, stdio: 'inherit' },
  );
}

function targetsOf(outdir: string): ServiceTargets[] {
  return chosen.map((s) => {
    const env = { ...processEnv, ...serviceEnv(s, stack) };
    // The baselines read only the region and the credentials (bench/baselines/cold-init).
    const baselineEnv = {
      ...processEnv,
      AWS_REGION: stack.region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    };
    return {
      service: { label: `${s.name} service`, file: path.join(root, s.bundles.lambda), env },
      nest: {
        label: `${s.name} A minimal Nest`,
        file: path.join(outdir, `${s.name}-nest.js`),
        env: baselineEnv,
      },
      sdkOnly: {
        label: `${s.name} B SDK only`,
        file: path.join(outdir, `${s.name}-sdk-only.js`),
        env: baselineEnv,
      },
    };
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
  const outdir = path.join(root, 'dist/bench/cold-init');
  buildBaselines(outdir);
  const groups = targetsOf(outdir);
  for (const { service, nest } of groups) {
    if (!existsSync(service.file)) throw new Error(`${service.file} is missing: build it first`);
    const differ = sdkClientsDiffer(service.file, nest.file);
    if (differ)
      throw new Error(`${nest.label} does not carry ${service.label}'s clients: ${differ}`);
  }
  const targets = groups.flatMap((g) => [g.nest, g.sdkOnly, g.service]);

  // A first start of each warms the page cache and proves every bundle answers before timing.
  for (const target of targets) await coldStart(runner, root, target);
  const samples = new Map<Target, Sample[]>(targets.map((t) => [t, []]));
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) samples.get(target)?.push(await coldStart(runner, root, target));
  }

  const runs = (t: Target) => samples.get(t) ?? [];
  const answered = (t: Target) => median(runs(t).map((s) => s.answeredMs));
  const wall = (t: Target) => median(runs(t).map((s) => s.wallMs));
  const sizeMb = (t: Target) => statSync(t.file).size / 1e6;
  const width = Math.max(...targets.map((t) => t.label.length));

  console.log(
    `\ncold init: a fresh node ${process.version} per run loads the bundle and answers one API Gateway v2 GET /health;`,
  );
  console.log(
    `${rounds} rounds, medians [min–max]; "answer" is process start → handler's 200 (performance.now() in the child), "load" the part spent loading the bundle, "wall" spawn → exit seen by the parent; ratios against the service's own baselines`,
  );
  console.log(
    `${'bundle'.padEnd(width)}  size MB   load ms   answer ms            wall ms              answer ÷A  ÷B    wall ÷A  ÷B`,
  );
  for (const { nest, sdkOnly, service } of groups) {
    for (const target of [nest, sdkOnly, service]) {
      console.log(
        [
          target.label.padEnd(width),
          sizeMb(target).toFixed(2).padStart(7),
          median(runs(target).map((s) => s.loadedMs))
            .toFixed(0)
            .padStart(8),
          `  ${spread(runs(target).map((s) => s.answeredMs)).padEnd(19)}`,
          spread(runs(target).map((s) => s.wallMs)).padEnd(19),
          `${(answered(target) / answered(nest)).toFixed(2).padStart(8)}× ${(answered(target) / answered(sdkOnly)).toFixed(2)}×`,
          `${(wall(target) / wall(nest)).toFixed(2).padStart(6)}× ${(wall(target) / wall(sdkOnly)).toFixed(2)}×`,
        ].join(' '),
      );
    }
  }
  console.log(`goal: ≤ ${GOAL_RATIO}× its minimal Nest, each bundle ≤ ${GOAL_MB} MB`);
  for (const { nest, service } of groups) {
    const ratio = answered(service) / answered(nest);
    const mb = sizeMb(service);
    const meets = ratio <= GOAL_RATIO && mb <= GOAL_MB;
    console.log(
      `  ${service.label}: ${ratio.toFixed(2)}× minimal Nest, ${mb.toFixed(2)} MB → ${meets ? 'meets the goal' : 'misses the goal'}`,
    );
  }
  writeBenchReport({
    bench: 'cold-init',
    title: 'Lambda cold init per service',
    reproduce: 'npm run bench:cold-init',
    figures: groups.flatMap(({ nest, sdkOnly, service }): BenchFigure[] => {
      const name = service.label.replace(/ service$/, '');
      return [
        {
          name: `${name}: cold start to GET /health answer (median)`,
          value: answered(service),
          unit: 'ms',
          baseline: { name: 'minimal Nest with the same SDK clients', value: answered(nest) },
          limit: GOAL_RATIO,
        },
        {
          name: `${name}: cold start vs no framework (median)`,
          value: answered(service),
          unit: 'ms',
          baseline: { name: 'the same SDK clients alone', value: answered(sdkOnly) },
        },
        { name: `${name}: bundle size`, value: sizeMb(service), unit: 'MB', limit: GOAL_MB },
      ];
    }),
    notes: [
      `${rounds} rounds; each a fresh node ${process.version} that loads the bundle and answers one API Gateway v2 GET /health event, from process start to the handler's 200.`,
      'Goal: ≤ 1.3× the minimal Nest Lambda carrying the same AWS SDK clients, and each bundle ≤ 3 MB.',
    ],
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
