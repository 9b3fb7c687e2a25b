// Benchmark: public share resolution (POST /v1/shares/{token}/download, a link without
// max_downloads) beside the owner's authenticated download (GET /v1/users/{u}/files/{f}/download)
// of the same file, both through one local gateway in front of the built sharing-api and
// uploads-api bundles, at the same concurrency, in the same run, interleaved (A B B A rounds, so
// drift on a noisy machine hits both). Issue 8's goal: share ÷ owner p99 ≤ 1.2 (a share costs
// one extra indexed read and one conditional write).
//
// Beside latency it prints where the time goes: each server process's CPU per request (from
// /proc), and this process's (the gateway, autocannon and the stand-ins: dynalite, local auth),
// per request of each target.
//
//   npm run bench:share-download   (BENCH_ROUNDS, BENCH_SECONDS, BENCH_CONNECTIONS tune it)
import './lift-limits';
import { contractOperations, type Schemas } from '@enclave/api-contract';
import { routeTable, startGateway } from '@enclave/local-stack';
import { signUpUser, startTestStack, type TestUser } from '@enclave/testing';
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type BenchProcess, startBenchProcess } from './bench-process';
import { median } from './median';
import { writeBenchReport } from './report';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 4);
const seconds = Number(process.env['BENCH_SECONDS'] ?? 5);
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 8);

const root = path.resolve(__dirname, '../..');
// Silences the AWS SDK's Node 20 end-of-support notice here and in the servers, which inherit it.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const targets = ['share', 'owner'] as const;
type TargetName = (typeof targets)[number];

const labels: Record<TargetName, string> = {
  share: 'share link download (public)',
  owner: 'owner download (bearer)     ',
};

interface Sample {
  p50: number;
  p99: number;
  rps: number;
  errors: number;
  /** The answering server's user + system CPU, per completed request. */
  serverCpuMs: number;
  /** This process's CPU (gateway, autocannon, dynalite, local auth), per completed request. */
  harnessCpuMs: number;
}

interface Target {
  server: BenchProcess;
  options: autocannon.Options;
}

function bundle(relative: string): string {
  const file = path.join(root, relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: build it first`);
  return file;
}

function load(options: autocannon.Options, duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) =>
    autocannon({ ...options, connections, duration }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
}

async function run(target: Target, duration: number): Promise<Sample> {
  const serverBefore = target.server.cpuMs();
  const harnessBefore = process.cpuUsage();
  const result = await load(target.options, duration);
  const harness = process.cpuUsage(harnessBefore);
  const total = result.requests.total;
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    errors: result.errors + result.timeouts + result.non2xx,
    serverCpuMs: total > 0 ? (target.server.cpuMs() - serverBefore) / total : NaN,
    harnessCpuMs: total > 0 ? (harness.user + harness.system) / 1000 / total : NaN,
  };
}

/** The owner's API, as a client calls it; a non-2xx answer throws, naming it. */
async function api<T>(base: string, user: TestUser, route: string, init: RequestInit): Promise<T> {
  const response = await fetch(`${base}${route}`, {
    ...init,
    headers: {
      authorization: `Bearer ${user.idToken}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method} ${route} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Uploads a small READY file as `user` and shares it by link; answers both ids and the token. */
async function shareOneFile(base: string, user: TestUser) {
  const bytes = randomBytes(4096);
  const files = `/v1/users/${user.user_id}/files`;
  const created = await api<Schemas['CreateFileResponse']>(base, user, files, {
    method: 'POST',
    body: JSON.stringify({
      file_name: 'bench.pdf',
      size: bytes.length,
      content_type: 'application/pdf',
    }),
  });
  const put = await fetch(created.upload_url as string, {
    method: 'PUT',
    headers: created.upload_headers,
    body: bytes,
  });
  if (put.status !== 200) throw new Error(`upload PUT answered ${put.status}`);
  await api(base, user, `${files}/${created.file_id}/complete`, { method: 'POST', body: '{}' });
  const link = await api<Schemas['ShareLinkResponse']>(
    base,
    user,
    `${files}/${created.file_id}/links`,
    { method: 'POST', body: JSON.stringify({ expires_in: 86_400 }) },
  );
  return { fileId: created.file_id, token: link.token, shareId: link.share_id };
}

async function main(): Promise<void> {
  const stack = await startTestStack();
  const servers: BenchProcess[] = [];
  let gateway: Awaited<ReturnType<typeof startGateway>> | undefined;
  try {
    const env = { ...stack.env, LOG_LEVEL: 'silent' };
    const [uploads, sharing] = await Promise.all([
      startBenchProcess(bundle('dist/apps/uploads-api/main.js'), env),
      startBenchProcess(bundle('dist/apps/sharing-api/main.js'), env),
    ]);
    servers.push(uploads, sharing);
    gateway = await startGateway({
      routes: routeTable(contractOperations()),
      upstreams: new Map([
        ['uploads', uploads.endpoint],
        ['sharing', sharing.endpoint],
      ]),
    });
    const base = gateway.endpoint;
    const user = await signUpUser(stack);
    const { fileId, token, shareId } = await shareOneFile(base, user);
    const chosen: Record<TargetName, Target> = {
      share: {
        server: sharing,
        options: {
          url: `${base}/v1/shares/${token}/download`,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'enclave-bench' },
          body: '{}',
        },
      },
      owner: {
        server: uploads,
        options: {
          url: `${base}/v1/users/${user.user_id}/files/${fileId}/download`,
          method: 'GET',
          headers: { authorization: `Bearer ${user.idToken}`, 'user-agent': 'enclave-bench' },
        },
      },
    };

    // Warm-up: JIT, connection pools, the owner's userinfo cache.
    for (const name of targets) await run(chosen[name], 2);
    const samples: Record<TargetName, Sample[]> = { share: [], owner: [] };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? ([...targets].reverse() as TargetName[]) : [...targets];
      for (const name of order) samples[name].push(await run(chosen[name], seconds));
    }
    const summary = (name: TargetName) => {
      const of = (pick: (s: Sample) => number) => median(samples[name].map(pick));
      return {
        p50: of((s) => s.p50),
        p99: of((s) => s.p99),
        rps: of((s) => s.rps),
        errors: samples[name].reduce((sum, s) => sum + s.errors, 0),
        serverCpu: of((s) => s.serverCpuMs),
        harnessCpu: of((s) => s.harnessCpuMs),
      };
    };
    const share = summary('share');
    const owner = summary('owner');
    console.log(
      `file download through the gateway, ${connections} connections, ${rounds} × ${seconds} s rounds per target, interleaved (medians)`,
    );
    console.log(
      '                              p50 ms   p99 ms    req/s   errors   server CPU ms/req   harness CPU ms/req',
    );
    for (const [name, s] of [
      ['share', share],
      ['owner', owner],
    ] as const) {
      console.log(
        `${labels[name]}  ${s.p50.toFixed(1).padStart(7)}  ${s.p99.toFixed(1).padStart(7)}  ${s.rps.toFixed(0).padStart(7)}  ${String(s.errors).padStart(7)}   ${s.serverCpu.toFixed(2).padStart(17)}   ${s.harnessCpu.toFixed(2).padStart(18)}`,
      );
    }
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    console.log(
      `ratio share/owner: p50 ${ratio(share.p50, owner.p50)}  p99 ${ratio(share.p99, owner.p99)}  req/s ${ratio(share.rps, owner.rps)}  server CPU/req ${ratio(share.serverCpu, owner.serverCpu)}   (goal: p99 ≤ 1.2×)`,
    );
    // The share row carries its log: trimming must keep it bounded however many downloads ran.
    const detail = await api<Schemas['ShareDetail']>(
      base,
      user,
      `/v1/users/${user.user_id}/shares/${shareId}`,
      { method: 'GET' },
    );
    console.log(
      `the share after the run: ${detail.downloads} downloads, ${detail.access_log.length} log entries kept`,
    );
    const ownerName = 'owner download (bearer)';
    writeBenchReport({
      bench: 'share-download',
      title: 'Share resolution: a share link download vs the owner download',
      reproduce: 'npm run bench:share-download',
      figures: [
        {
          name: 'share link download p99',
          value: share.p99,
          unit: 'ms',
          baseline: { name: ownerName, value: owner.p99 },
          limit: 1.2,
        },
        {
          name: 'share link download p50',
          value: share.p50,
          unit: 'ms',
          baseline: { name: ownerName, value: owner.p50 },
        },
        {
          name: 'share link download server CPU per request',
          value: share.serverCpu,
          unit: 'ms',
          baseline: { name: ownerName, value: owner.serverCpu },
        },
        {
          name: 'errors (non-2xx, timeouts), both targets',
          value: share.errors + owner.errors,
          unit: 'requests',
          limit: 0,
        },
      ],
      notes: [
        `POST /v1/shares/{token}/download vs GET /v1/users/{u}/files/{f}/download of the same file through one gateway, ${connections} connections, ${rounds} × ${seconds} s rounds per target, interleaved (medians). Goal: p99 ≤ 1.2×.`,
        `The share after the run: ${detail.downloads} downloads, ${detail.access_log.length} access-log entries kept.`,
      ],
    });
  } finally {
    await gateway?.stop();
    await Promise.all(servers.map((server) => server.stop()));
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
