// Benchmark: listing (GET /v1/users/{user_id}/files?limit=50) through the local gateway for a
// user with 10,000 live and 10,000 deleted files (the deleted ones newest, so any listing that
// reads tombstones reads all of them first) ÷ a user with 100 live files, in the same run with
// requests interleaved (A B A B …), so drift on a noisy machine hits both. Issue 7's goal: ≤ 1.2
// at p50 and p99. Each round fetches the first page and then follows the cursor a few pages on.
//
//   npm run bench:list   (BENCH_ROUNDS, BENCH_PAGES tune it)
import './lift-limits';
import { contractOperations } from '@enclave/api-contract';
import { localDynamoClient, routeTable, startGateway } from '@enclave/local-stack';
import { epochSeconds, type FileRecord } from '@enclave/metadata';
import { signUpUser, startTestStack, type TestUser } from '@enclave/testing';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { startBenchProcess } from './bench-process';
import { writeBenchReport } from './report';

const rounds = Number(process.env['BENCH_ROUNDS'] ?? 200);
/** Pages per round: the first, then the next ones by cursor (user B has two full pages). */
const pagesPerRound = Number(process.env['BENCH_PAGES'] ?? 2);
const LIMIT = 50;

const root = path.resolve(__dirname, '../..');
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

/**
 * Rows as FilesRepository writes them (a live file carries live_file_id, its key in the live
 * index; a deleted one, its removal done, does not), written 25 at a time: seeding 20,000 rows
 * one conditional put at a time would take minutes on dynalite.
 */
async function seed(
  db: DynamoDBDocumentClient,
  table: string,
  userId: string,
  counts: { live: number; deleted: number },
): Promise<void> {
  const start = Date.now() - 86_400_000;
  const total = counts.live + counts.deleted;
  const rows: FileRecord[] = Array.from({ length: total }, (_, n) => {
    const fileId = uuidv7({ msecs: start + n });
    const created = new Date(start + n).toISOString();
    const base: FileRecord = {
      user_id: userId,
      file_id: fileId,
      file_name: `file-${n}.bin`,
      content_type: 'application/octet-stream',
      size: 1000 + n,
      status: 'READY',
      object_key: `${userId}/${fileId}`,
      created_at: created,
      uploaded_at: created,
    };
    // The newest ones are the deleted ones.
    return n < counts.live
      ? { ...base, live_file_id: fileId }
      : {
          ...base,
          status: 'DELETED',
          deleted_at: created,
          removal: 'DONE',
          expires_at: epochSeconds(new Date()) + 86_400,
        };
  });
  const batches: FileRecord[][] = [];
  for (let i = 0; i < rows.length; i += 25) batches.push(rows.slice(i, i + 25));
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length) {
          const { UnprocessedItems } = await db.send(
            new BatchWriteCommand({ RequestItems: { [table]: pending } }),
          );
          pending = (UnprocessedItems?.[table] ?? []) as typeof pending;
        }
      }
    }),
  );
}

/** One round for one user: the first page, then by cursor. Latency of each page, in ms. */
async function listPages(base: string, user: TestUser): Promise<number[]> {
  const latencies: number[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < pagesPerRound; page++) {
    const query = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const started = performance.now();
    const response = await fetch(`${base}/v1/users/${user.user_id}/files?limit=${LIMIT}${query}`, {
      headers: { authorization: `Bearer ${user.idToken}` },
    });
    const body = (await response.json()) as { user_files?: unknown[]; next_cursor?: string | null };
    latencies.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`listing answered ${response.status}`);
    if (body.user_files?.length !== LIMIT)
      throw new Error(`a page held ${body.user_files?.length} files, not ${LIMIT}`);
    cursor = body.next_cursor ?? null;
    if (!cursor) break;
  }
  return latencies;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function main(): Promise<void> {
  const bundle = path.join(root, 'dist/apps/uploads-api/main.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: build it first`);
  const stack = await startTestStack();
  const db = DynamoDBDocumentClient.from(localDynamoClient(stack.dynamodb.endpoint));
  let server: Awaited<ReturnType<typeof startBenchProcess>> | undefined;
  let gateway: Awaited<ReturnType<typeof startGateway>> | undefined;
  try {
    const [many, few] = [await signUpUser(stack), await signUpUser(stack)];
    const seeding = performance.now();
    await seed(db, stack.filesTable, many.user_id, { live: 10_000, deleted: 10_000 });
    await seed(db, stack.filesTable, few.user_id, { live: 100, deleted: 0 });
    const seedSeconds = (performance.now() - seeding) / 1000;
    server = await startBenchProcess(bundle, { ...stack.env, LOG_LEVEL: 'silent' });
    gateway = await startGateway({
      routes: routeTable(contractOperations()),
      upstreams: new Map([['uploads', server.endpoint]]),
    });
    const base = gateway.endpoint;

    // Warm-up: JIT, connection pools, the userinfo cache.
    for (let i = 0; i < 10; i++) await Promise.all([listPages(base, many), listPages(base, few)]);
    const samples = { many: [] as number[], few: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first, so neither always runs on a warmer process.
      const order = round % 2 ? (['many', 'few'] as const) : (['few', 'many'] as const);
      for (const who of order)
        samples[who].push(...(await listPages(base, who === 'many' ? many : few)));
    }
    const figures = (values: number[]) => ({
      p50: percentile(values, 50),
      p99: percentile(values, 99),
      n: values.length,
    });
    const a = figures(samples.many);
    const b = figures(samples.few);
    console.log(
      `list files through the gateway, limit ${LIMIT}, ${rounds} rounds × ${pagesPerRound} pages, one request at a time (seeded in ${seedSeconds.toFixed(1)} s)`,
    );
    console.log('                                      p50 ms   p99 ms  requests');
    const row = (label: string, s: typeof a) =>
      console.log(
        `${label}  ${s.p50.toFixed(2).padStart(7)}  ${s.p99.toFixed(2).padStart(7)}  ${String(s.n).padStart(8)}`,
      );
    row('A: 10,000 live + 10,000 deleted files', a);
    row('B: 100 live files                    ', b);
    console.log(
      `ratio A/B: p50 ${(a.p50 / b.p50).toFixed(2)}×  p99 ${(a.p99 / b.p99).toFixed(2)}×   (goal: ≤ 1.2×)`,
    );
    const fewName = '100 live files';
    writeBenchReport({
      bench: 'list-files',
      title: 'List latency: 10,000 files vs 100 (must stay flat)',
      reproduce: 'npm run bench:list',
      figures: [
        {
          name: 'list 10,000 live + 10,000 deleted files, p50',
          value: a.p50,
          unit: 'ms',
          baseline: { name: fewName, value: b.p50 },
          limit: 1.2,
        },
        {
          name: 'list 10,000 live + 10,000 deleted files, p99',
          value: a.p99,
          unit: 'ms',
          baseline: { name: fewName, value: b.p99 },
          limit: 1.2,
        },
      ],
      notes: [
        `GET /v1/users/{user_id}/files?limit=${LIMIT} through the gateway, ${rounds} rounds × ${pagesPerRound} pages (by cursor), one request at a time, the two users interleaved; ${a.n} requests each.`,
      ],
    });
  } finally {
    await gateway?.stop();
    await server?.stop();
    db.destroy();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
