// Benchmark: create-upload (POST /v1/users/{user_id}/files) through the local gateway with a warm
// auth cache, against two baselines behind gateways of their own, measured in the same run
// (A B C A B C rounds, so drift on a noisy machine hits all three):
//   same work   bench/baselines/same-work-create.ts: a bare node:http server doing the service's
//               work per request (auth cache, quota UpdateItem, conditional PutItem, presigned
//               PUT). enclave ÷ same work is the headline: what our framework and layers cost.
//   bare Nest   bench/bare-nest.ts: a Nest endpoint doing nothing, as before.
// Each server's CPU time per request comes from /proc/<pid>/stat around each round; the gateways,
// autocannon and the stand-ins (dynalite, s3rver, local auth) all run in this process instead.
//
//   npm run bench:create-upload   (BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONNECTIONS tune it)
import './lift-limits';
import { signUpUser, startTestStack } from '@enclave/testing';
import { contractOperations } from '@enclave/api-contract';
import autocannon from 'autocannon';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type BenchProcess, startBenchProcess } from './bench-process';
import { median } from './median';
import { routeTable, startGateway } from '@enclave/local-stack';
import { writeBenchReport } from './report';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3);
const seconds = Number(process.env['BENCH_SECONDS'] ?? 5);
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 8);

const root = path.resolve(__dirname, '../..');
// Silences the AWS SDK's Node 20 end-of-support notice here and in the servers, which inherit it.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

interface Sample {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
  /** Requests autocannon completed (any status). */
  requests: number;
  /** The server process's user + system CPU over the run, per completed request. */
  cpuMsPerRequest: number;
}

const targets = ['enclave', 'sameWork', 'bare'] as const;
type TargetName = (typeof targets)[number];

const labels: Record<TargetName, string> = {
  enclave: 'enclave create-upload  ',
  sameWork: 'same work, no framework',
  bare: 'bare NestJS endpoint   ',
};

function load(url: string, token: string, duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections,
        duration,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          file_name: 'bench.bin',
          size: 1048576,
          content_type: 'application/octet-stream',
        }),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

async function run(
  server: BenchProcess,
  url: string,
  token: string,
  duration: number,
): Promise<Sample> {
  const cpuBefore = server.cpuMs();
  const result = await load(url, token, duration);
  const cpuMs = server.cpuMs() - cpuBefore;
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
    cpuMsPerRequest: result.requests.total > 0 ? cpuMs / result.requests.total : NaN,
  };
}

function bundle(relative: string): string {
  const file = path.join(root, relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: build it first`);
  return file;
}

async function main(): Promise<void> {
  const stack = await startTestStack();
  const servers: Partial<Record<TargetName, BenchProcess>> = {};
  const gateways: Awaited<ReturnType<typeof startGateway>>[] = [];
  try {
    const user = await signUpUser(stack);
    const routes = routeTable(contractOperations());
    servers.enclave = await startBenchProcess(bundle('dist/apps/uploads-api/main.js'), {
      ...stack.env,
      LOG_LEVEL: 'silent',
    });
    servers.sameWork = await startBenchProcess(
      bundle('dist/bench/baselines/same-work-create.js'),
      stack.env,
    );
    servers.bare = await startBenchProcess(bundle('dist/bench/bare-nest.js'), {});
    const started = servers as Record<TargetName, BenchProcess>;
    const urls = {} as Record<TargetName, string>;
    for (const name of targets) {
      const gateway = await startGateway({
        routes,
        upstreams: new Map([['uploads', started[name].endpoint]]),
      });
      gateways.push(gateway);
      urls[name] = `${gateway.endpoint}/v1/users/${user.user_id}/files`;
    }

    // Warm-up: JIT, connection pools, and each server's userinfo cache.
    for (const name of targets) await run(started[name], urls[name], user.idToken, 2);
    const samples: Record<TargetName, Sample[]> = { enclave: [], sameWork: [], bare: [] };
    for (let round = 0; round < rounds; round++) {
      for (const name of targets)
        samples[name].push(await run(started[name], urls[name], user.idToken, seconds));
    }
    const summary = (name: TargetName) => ({
      p50: median(samples[name].map((s) => s.p50)),
      p99: median(samples[name].map((s) => s.p99)),
      rps: median(samples[name].map((s) => s.rps)),
      errors: samples[name].reduce((sum, s) => sum + s.errors, 0),
      cpu: median(samples[name].map((s) => s.cpuMsPerRequest)),
    });
    const figures = {
      enclave: summary('enclave'),
      sameWork: summary('sameWork'),
      bare: summary('bare'),
    };
    console.log(
      `create-upload through the gateway, ${connections} connections, ${rounds} × ${seconds} s rounds (medians)`,
    );
    console.log('                           p50 ms   p99 ms    req/s   errors   server CPU ms/req');
    for (const name of targets) {
      const s = figures[name];
      console.log(
        `${labels[name]}  ${s.p50.toFixed(1).padStart(7)}  ${s.p99.toFixed(1).padStart(7)}  ${s.rps.toFixed(0).padStart(7)}  ${String(s.errors).padStart(7)}   ${s.cpu.toFixed(2).padStart(8)}`,
      );
    }
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    const { enclave, sameWork, bare } = figures;
    console.log(
      `ratio enclave/same work: p50 ${ratio(enclave.p50, sameWork.p50)}  p99 ${ratio(enclave.p99, sameWork.p99)}  req/s ${ratio(enclave.rps, sameWork.rps)}  CPU/req ${ratio(enclave.cpu, sameWork.cpu)}   (goal: ≤ 1.3× at p50 and p99)`,
    );
    console.log(
      `ratio enclave/bare:      p50 ${ratio(enclave.p50, bare.p50)}  p99 ${ratio(enclave.p99, bare.p99)}  req/s ${ratio(enclave.rps, bare.rps)}  CPU/req ${ratio(enclave.cpu, bare.cpu)}`,
    );
    const sameWorkName = 'same work, no framework';
    writeBenchReport({
      bench: 'create-upload',
      title: 'API latency: create-upload vs the same work without a framework',
      reproduce: 'npm run bench:create-upload',
      figures: [
        {
          name: 'create-upload p50',
          value: enclave.p50,
          unit: 'ms',
          baseline: { name: sameWorkName, value: sameWork.p50 },
          limit: 1.3,
        },
        {
          name: 'create-upload p99',
          value: enclave.p99,
          unit: 'ms',
          baseline: { name: sameWorkName, value: sameWork.p99 },
          limit: 1.3,
        },
        {
          name: 'create-upload p50 vs an empty endpoint',
          value: enclave.p50,
          unit: 'ms',
          baseline: { name: 'bare NestJS endpoint', value: bare.p50 },
        },
        {
          name: 'create-upload throughput',
          value: enclave.rps,
          unit: 'req/s',
          baseline: { name: sameWorkName, value: sameWork.rps },
        },
        {
          name: 'create-upload server CPU per request',
          value: enclave.cpu,
          unit: 'ms',
          baseline: { name: sameWorkName, value: sameWork.cpu },
        },
        {
          name: 'create-upload errors (non-2xx, timeouts)',
          value: enclave.errors,
          unit: 'requests',
          limit: 0,
        },
      ],
      notes: [
        `Through the local gateway, ${connections} connections, ${rounds} × ${seconds} s rounds per target, interleaved (medians of the rounds).`,
        'Same work: bench/baselines/same-work-create.ts, a bare node:http server doing the same per-request work (auth cache, quota update, conditional put, presigned PUT). Goal: ≤ 1.3× at p50 and p99.',
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
