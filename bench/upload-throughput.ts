// Benchmark: 1 GiB through `enclave upload` (multipart, 4 parts in parallel) against the local S3,
// side by side in the same run with @aws-sdk/lib-storage's Upload (same part size and
// concurrency, straight to the same S3) and one presigned PUT. Rounds alternate A B C A B C so
// drift on a noisy machine hits all three. The figure is enclave ÷ lib-storage (goal ≥ 0.95).
//
//   npm run bench:upload     (BENCH_SIZE_MIB, BENCH_ROUNDS tune it)
import './lift-limits';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { localS3Client } from '@enclave/local-stack';
import { nextTotpCode, signUpUser, startServiceProcess, startTestStack } from '@enclave/testing';
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { median } from './median';
import { writeBenchReport } from './report';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';

const MiB = 1024 ** 2;
const sizeMiB = Number(process.env['BENCH_SIZE_MIB'] ?? 1024);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 2);
const PART_SIZE = 16 * MiB;
const PARALLEL = 4;
const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/apps/cli/main.js');
// Silences the AWS SDK's Node 20 end-of-support notice here and in the CLI and the service.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const out = createWriteStream(file);
  for (let written = 0; written < bytes; written += 16 * MiB) {
    const chunk = randomBytes(Math.min(16 * MiB, bytes - written));
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stdin.end(stdin ?? '');
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`enclave ${args[0]} exited ${code}`)),
    );
  });
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function main(): Promise<void> {
  execFileSync(process.execPath, [cli, '--help'], { stdio: 'ignore' });
  const dir = await mkdtemp(path.join(tmpdir(), 'enclave-bench-'));
  const file = path.join(dir, 'payload.bin');
  await writeRandomFile(file, sizeMiB * MiB);
  const size = (await stat(file)).size;
  const stack = await startTestStack();
  const service = await startServiceProcess(
    'uploads',
    { ...stack.env, LOG_LEVEL: 'warn' },
    { checkContract: false },
  );
  const user = await signUpUser(stack);
  const s3 = localS3Client(stack.s3.endpoint);
  const cliEnv = {
    ENCLAVE_CONFIG_DIR: path.join(dir, 'config'),
    ENCLAVE_API_URL: service.endpoint,
    ENCLAVE_AUTH_URL: stack.auth.endpoint,
  };
  try {
    const otp = await nextTotpCode(user);
    await runCli(
      ['login', '--email', user.email, '--password-stdin', '--otp', otp],
      cliEnv,
      `${user.password}\n`,
    );

    const methods: Record<string, () => Promise<unknown>> = {
      'enclave upload': () =>
        runCli(['upload', file, '--parallel', String(PARALLEL), '--json'], cliEnv),
      'lib-storage Upload': () =>
        new Upload({
          client: s3,
          params: {
            Bucket: stack.bucket,
            Key: `bench/lib-storage-${Date.now()}`,
            Body: createReadStream(file),
          },
          partSize: PART_SIZE,
          queueSize: PARALLEL,
        }).done(),
      'single presigned PUT': async () => {
        const url = await getSignedUrl(
          s3,
          new PutObjectCommand({
            Bucket: stack.bucket,
            Key: `bench/put-${Date.now()}`,
            ContentLength: size,
          }),
          {
            expiresIn: 900,
            signableHeaders: new Set(['content-length']),
          },
        );
        const response = await fetch(url, {
          method: 'PUT',
          headers: { 'content-length': String(size) },
          body: createReadStream(file) as unknown as BodyInit,
          duplex: 'half',
        } as RequestInit);
        if (!response.ok) throw new Error(`PUT answered ${response.status}`);
      },
    };
    await timed(methods['enclave upload'] as () => Promise<unknown>); // warm-up
    const seconds: Record<string, number[]> = Object.fromEntries(
      Object.keys(methods).map((m) => [m, []]),
    );
    for (let round = 0; round < rounds; round++) {
      for (const [name, run] of Object.entries(methods)) seconds[name]?.push(await timed(run));
    }
    const rate = (name: string) => sizeMiB / median(seconds[name] ?? []);
    console.log(
      `${sizeMiB} MiB to the local S3 (s3rver behind the SigV4-verifying proxy), ${PART_SIZE / MiB} MiB parts × ${PARALLEL}, median of ${rounds}`,
    );
    for (const name of Object.keys(methods))
      console.log(`${name.padEnd(22)} ${rate(name).toFixed(1).padStart(7)} MiB/s`);
    console.log(
      `ratio enclave ÷ lib-storage: ${(rate('enclave upload') / rate('lib-storage Upload')).toFixed(3)} (goal ≥ 0.95)`,
    );
    const time = (name: string) => median(seconds[name] ?? []);
    const libStorage = { name: 'lib-storage Upload', value: time('lib-storage Upload') };
    writeBenchReport({
      bench: 'upload-throughput',
      title: 'Upload throughput: enclave upload vs lib-storage',
      reproduce: 'npm run bench:upload',
      figures: [
        {
          // Throughput ≥ 0.95× lib-storage's is the goal; as time, that is ≤ 1 / 0.95.
          name: `enclave upload of ${sizeMiB} MiB, time (median)`,
          value: time('enclave upload'),
          unit: 's',
          baseline: libStorage,
          limit: Math.round((1 / 0.95) * 1000) / 1000,
        },
        {
          name: `single presigned PUT of ${sizeMiB} MiB, time (median)`,
          value: time('single presigned PUT'),
          unit: 's',
          baseline: libStorage,
        },
        { name: 'enclave upload throughput', value: rate('enclave upload'), unit: 'MiB/s' },
        { name: 'lib-storage Upload throughput', value: rate('lib-storage Upload'), unit: 'MiB/s' },
      ],
      notes: [
        `${sizeMiB} MiB of random bytes to the local S3 (s3rver behind the SigV4-verifying proxy), ${PART_SIZE / MiB} MiB parts × ${PARALLEL} in parallel, median of ${rounds} interleaved rounds.`,
        'Goal: throughput ≥ 0.95× lib-storage, i.e. time ≤ 1.053× its time.',
      ],
    });
  } finally {
    s3.destroy();
    await service.stop();
    await stack.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
