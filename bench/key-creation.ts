// Benchmark: what per-user KMS keys cost create-upload (POST /v1/users/{user_id}/files). Two
// uploads-api processes run over one stack, one with KMS_MODE=s3 (the same-run baseline) and one
// with KMS_MODE=per_user, each behind a gateway of its own:
//   first upload  a new user's first create-upload. In per_user mode it makes the user's key
//                 (conditional DynamoDB lease, KMS CreateKey + CreateAlias) before answering, so
//                 per_user ÷ s3 here is the price of key creation. Requests go one at a time.
//   steady state  autocannon load from a user who has uploaded once, so the key ARN is cached:
//                 per_user ÷ s3 should be ≈ 1.0×.
// Rounds alternate the modes (A B A B) and new users alternate them too, so drift on a noisy
// machine hits both; the gateways, autocannon and the stand-ins run in this process.
//
//   npm run bench:key-creation   (BENCH_USERS, BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONNECTIONS)
import './lift-limits';
import { signUpUser, startTestStack, type TestUser } from '@enclave/testing';
import { contractOperations } from '@enclave/api-contract';
import autocannon from 'autocannon';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type BenchProcess, startBenchProcess } from './bench-process';
import { median } from './median';
import { routeTable, startGateway } from '@enclave/local-stack';
import { writeBenchReport } from './report';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3);
const seconds = Number(process.env['BENCH_SECONDS'] ?? 5);
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 8);
const usersPerRound = Number(process.env['BENCH_USERS'] ?? 20);

const root = path.resolve(__dirname, '../..');
// Silences the AWS SDK's Node 20 end-of-support notice here and in the servers, which inherit it.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const modes = ['s3', 'per_user'] as const;
type Mode = (typeof modes)[number];

const labels: Record<Mode, string> = {
  s3: 'KMS_MODE=s3      ',
  per_user: 'KMS_MODE=per_user',
};

const createBody = JSON.stringify({
  file_name: 'bench.bin',
  size: 1048576,
  content_type: 'application/octet-stream',
});

interface LoadSample {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
}

function filesUrl(gateway: string, user: TestUser): string {
  return `${gateway}/v1/users/${user.user_id}/files`;
}

/** One create-upload, timed around fetch; a non-2xx answer throws with its status and body. */
async function timedCreate(url: string, user: TestUser): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.idToken}`, 'content-type': 'application/json' },
    body: createBody,
  });
  const text = await response.text();
  const elapsed = performance.now() - started;
  if (!response.ok) throw new Error(`create-upload answered ${response.status}: ${text}`);
  return elapsed;
}

function load(url: string, token: string, duration: number): Promise<LoadSample> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections,
        duration,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: createBody,
      },
      (error, result) =>
        error
          ? reject(error)
          : resolve({
              p50: result.latency.p50,
              p99: result.latency.p99,
              rps: result.requests.average,
              errors: result.errors + result.timeouts + result.non2xx,
            }),
    );
  });
}

/** The value at quantile `q` of `values` (nearest rank). */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] as number;
}

function bundle(relative: string): string {
  const file = path.join(root, relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: build it first`);
  return file;
}

/** "Equal within noise" for the steady state, on a shared machine. */
const STEADY_LIMIT = 1.2;

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const ms = (value: number) => value.toFixed(1).padStart(7);

async function main(): Promise<void> {
  const stack = await startTestStack({ kmsMode: 'per_user' });
  const servers: Partial<Record<Mode, BenchProcess>> = {};
  const gateways: Awaited<ReturnType<typeof startGateway>>[] = [];
  try {
    const routes = routeTable(contractOperations());
    for (const mode of modes) {
      servers[mode] = await startBenchProcess(bundle('dist/apps/uploads-api/main.js'), {
        ...stack.envFor('uploads'),
        KMS_MODE: mode,
        LOG_LEVEL: 'silent',
      });
    }
    const started = servers as Record<Mode, BenchProcess>;
    const endpoints = {} as Record<Mode, string>;
    for (const mode of modes) {
      const gateway = await startGateway({
        routes,
        upstreams: new Map([['uploads', started[mode].endpoint]]),
      });
      gateways.push(gateway);
      endpoints[mode] = gateway.endpoint;
    }

    console.log(
      'key-creation: what per-user KMS keys cost create-upload, KMS_MODE=per_user vs KMS_MODE=s3 (same run)',
    );
    console.log(
      "  first upload: a new user's first create-upload, one at a time; per_user makes the user's key",
    );
    console.log('  steady state: a user whose key is made already, under autocannon load');

    // Warm-up: JIT, connection pools, each server's userinfo cache and, in per_user mode, the
    // warm users' keys, so that the steady-state phase measures a cached key ARN.
    const warm = {} as Record<Mode, TestUser>;
    for (const mode of modes) {
      warm[mode] = await signUpUser(stack);
      await timedCreate(filesUrl(endpoints[mode], warm[mode]), warm[mode]);
      await load(filesUrl(endpoints[mode], warm[mode]), warm[mode].idToken, 2);
    }

    // 1. First upload of a new user.
    const firsts: Record<Mode, number[]> = { s3: [], per_user: [] };
    const createKeysBefore = stack.kms.calls('CreateKey');
    for (let round = 0; round < rounds; round++) {
      // Sign-up (mail, TOTP) is slow and not what is measured: it happens before the clock.
      const fresh: TestUser[] = [];
      for (let i = 0; i < usersPerRound; i++) fresh.push(await signUpUser(stack));
      for (const [i, user] of fresh.entries()) {
        const mode = modes[(round + i) % modes.length] as Mode;
        firsts[mode].push(await timedCreate(filesUrl(endpoints[mode], user), user));
      }
    }
    const keysCreated = stack.kms.calls('CreateKey') - createKeysBefore;
    const perUserNewUsers = firsts.per_user.length;

    const first = (mode: Mode) => ({
      p50: quantile(firsts[mode], 0.5),
      p90: quantile(firsts[mode], 0.9),
      max: Math.max(...firsts[mode]),
    });
    const firstFigures = { s3: first('s3'), per_user: first('per_user') };
    console.log('');
    console.log(
      `first create-upload of a new user through the gateway, ${rounds} × ${usersPerRound} users, sequential`,
    );
    console.log('                    users   p50 ms   p90 ms   max ms');
    for (const mode of modes) {
      const s = firstFigures[mode];
      console.log(
        `${labels[mode]}  ${String(firsts[mode].length).padStart(6)}  ${ms(s.p50)}  ${ms(s.p90)}  ${ms(s.max)}`,
      );
    }
    const { s3: firstS3, per_user: firstPerUser } = firstFigures;
    console.log(
      `ratio per_user/s3: p50 ${ratio(firstPerUser.p50, firstS3.p50)}  p90 ${ratio(firstPerUser.p90, firstS3.p90)}  max ${ratio(firstPerUser.max, firstS3.max)}   (the price of key creation)`,
    );
    console.log(
      `KMS CreateKey calls: ${keysCreated} for ${perUserNewUsers} new per_user users ${keysCreated === perUserNewUsers ? '(ok: exactly one each)' : '(MISMATCH: expected exactly one each)'}`,
    );

    // 2. Steady state with warm keys.
    const samples: Record<Mode, LoadSample[]> = { s3: [], per_user: [] };
    for (let round = 0; round < rounds; round++) {
      for (const mode of modes)
        samples[mode].push(
          await load(filesUrl(endpoints[mode], warm[mode]), warm[mode].idToken, seconds),
        );
    }
    const summary = (mode: Mode) => ({
      p50: median(samples[mode].map((s) => s.p50)),
      p99: median(samples[mode].map((s) => s.p99)),
      rps: median(samples[mode].map((s) => s.rps)),
      errors: samples[mode].reduce((sum, s) => sum + s.errors, 0),
    });
    const steady = { s3: summary('s3'), per_user: summary('per_user') };
    console.log('');
    console.log(
      `steady-state create-upload, warm keys, ${connections} connections, ${rounds} × ${seconds} s rounds (medians)`,
    );
    console.log('                     p50 ms   p99 ms    req/s   errors');
    for (const mode of modes) {
      const s = steady[mode];
      console.log(
        `${labels[mode]}  ${ms(s.p50)}  ${ms(s.p99)}  ${s.rps.toFixed(0).padStart(7)}  ${String(s.errors).padStart(7)}`,
      );
    }
    const { s3, per_user: perUser } = steady;
    console.log(
      `ratio per_user/s3: p50 ${ratio(perUser.p50, s3.p50)}  p99 ${ratio(perUser.p99, s3.p99)}  req/s ${ratio(perUser.rps, s3.rps)}   (goal: equal within noise (≈1.0×): the key ARN is cached)`,
    );
    const s3Name = 'KMS_MODE=s3';
    writeBenchReport({
      bench: 'key-creation',
      title: 'First-key latency: per-user KMS keys vs SSE-S3',
      reproduce: 'npm run bench:key-creation',
      figures: [
        {
          name: "a new user's first create-upload (makes the key), p50",
          value: firstPerUser.p50,
          unit: 'ms',
          baseline: { name: s3Name, value: firstS3.p50 },
        },
        {
          name: "a new user's first create-upload (makes the key), p90",
          value: firstPerUser.p90,
          unit: 'ms',
          baseline: { name: s3Name, value: firstS3.p90 },
        },
        {
          name: 'KMS CreateKey calls beyond one per new per_user user',
          value: Math.abs(keysCreated - perUserNewUsers),
          unit: 'calls',
          limit: 0,
        },
        {
          name: 'steady-state create-upload, warm key, p50',
          value: perUser.p50,
          unit: 'ms',
          baseline: { name: s3Name, value: s3.p50 },
          limit: STEADY_LIMIT,
        },
        {
          name: 'steady-state create-upload, warm key, p99',
          value: perUser.p99,
          unit: 'ms',
          baseline: { name: s3Name, value: s3.p99 },
          limit: STEADY_LIMIT,
        },
        {
          name: 'steady-state errors (non-2xx, timeouts), both modes',
          value: s3.errors + perUser.errors,
          unit: 'requests',
          limit: 0,
        },
      ],
      notes: [
        `First upload: ${rounds} × ${usersPerRound} new users alternating the modes, one request at a time; the per_user ratio is the price of key creation (no goal).`,
        `Steady state: ${connections} connections, ${rounds} × ${seconds} s rounds per mode (medians). Goal: equal within noise, taken here as ≤ ${STEADY_LIMIT}×.`,
      ],
    });
  } finally {
    await Promise.all(gateways.map((g) => g.stop()));
    await Promise.all(Object.values(servers).map((server) => server.stop()));
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
