// Benchmark: create-upload (POST /v1/users/{user_id}/files) through the local gateway with a warm
// auth cache, against a bare NestJS endpoint behind the same gateway, measured in the same run
// (A B A B rounds, so drift on a noisy machine hits both). The figure is the ratio.
//
//   npm run bench            (BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONNECTIONS tune it)
import {
  signUpUser,
  startNodeProcess,
  startServiceProcess,
  startTestStack,
} from '@enclave/testing';
import { contractOperations } from '@enclave/api-contract';
import autocannon from 'autocannon';
import path from 'node:path';
import { median } from './median';
import { routeTable, startGateway } from '@enclave/local-stack';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3);
const seconds = Number(process.env['BENCH_SECONDS'] ?? 5);
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 8);

interface Sample {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
}

function run(url: string, token: string, duration: number): Promise<Sample> {
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
      (error, result) => {
        if (error) return reject(error);
        const errors = result.errors + result.timeouts + result.non2xx;
        resolve({
          p50: result.latency.p50,
          p99: result.latency.p99,
          rps: result.requests.average,
          errors,
        });
      },
    );
  });
}

async function main(): Promise<void> {
  const stack = await startTestStack();
  const user = await signUpUser(stack);
  const routes = routeTable(contractOperations());
  const uploads = await startServiceProcess('uploads', { ...stack.env, LOG_LEVEL: 'silent' });
  const bare = await startNodeProcess(path.join(__dirname, 'bare-nest.js'), {});
  const gateways = {
    enclave: await startGateway({ routes, upstreams: new Map([['uploads', uploads.endpoint]]) }),
    bare: await startGateway({ routes, upstreams: new Map([['uploads', bare.endpoint]]) }),
  };
  const target = (name: keyof typeof gateways) =>
    `${gateways[name].endpoint}/v1/users/${user.user_id}/files`;
  try {
    // Warm-up: JIT, connection pools, and the guard's userinfo cache.
    await run(target('enclave'), user.idToken, 2);
    await run(target('bare'), user.idToken, 2);
    const samples: Record<'enclave' | 'bare', Sample[]> = { enclave: [], bare: [] };
    for (let round = 0; round < rounds; round++) {
      for (const name of ['enclave', 'bare'] as const)
        samples[name].push(await run(target(name), user.idToken, seconds));
    }
    const summary = (name: 'enclave' | 'bare') => ({
      p50: median(samples[name].map((s) => s.p50)),
      p99: median(samples[name].map((s) => s.p99)),
      rps: median(samples[name].map((s) => s.rps)),
      errors: samples[name].reduce((sum, s) => sum + s.errors, 0),
    });
    const enclave = summary('enclave');
    const baseline = summary('bare');
    console.log(
      `create-upload through the gateway, ${connections} connections, ${rounds} × ${seconds} s rounds (medians)`,
    );
    console.log('                      p50 ms   p99 ms   req/s    errors');
    for (const [label, s] of [
      ['enclave create-upload', enclave],
      ['bare NestJS endpoint ', baseline],
    ] as const) {
      console.log(
        `${label}  ${s.p50.toFixed(1).padStart(6)}   ${s.p99.toFixed(1).padStart(6)}   ${s.rps.toFixed(0).padStart(6)}   ${s.errors}`,
      );
    }
    console.log(
      `ratio enclave/bare: p50 ${(enclave.p50 / baseline.p50).toFixed(2)}×  p99 ${(enclave.p99 / baseline.p99).toFixed(2)}×  req/s ${(enclave.rps / baseline.rps).toFixed(2)}×`,
    );
  } finally {
    await Promise.all(Object.values(gateways).map((g) => g.stop()));
    await uploads.stop();
    await bare.stop();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
