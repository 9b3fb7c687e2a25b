import type { INestApplication } from '@nestjs/common';
import type { EnclaveClient, Schemas } from '@enclave/api-contract';
import { StorageUsageRepository } from '@enclave/metadata';
import { LIFTED_LIMITS, type TestStack, type TestUser } from '@enclave/testing';
import { randomBytes } from 'node:crypto';
import { AbandonedUploadsSweeper } from './files/abandoned-uploads.sweeper';
import {
  startUploadsWithEvents,
  type UploadsWithEvents,
} from './testing/uploads-with-events.fixture';

// Hundreds of rounds of create, PUT, complete, delete and sweep started together in random
// orders with random delays, against the local stack; then the end state must hold:
// a READY file ⇔ an object of its declared size; no object without a live file; usage equal to
// the sum of the live files. The seed is printed so a failing run can be replayed.
const MiB = 1024 ** 2;
const ROUNDS = Number(process.env['RACE_ROUNDS'] ?? 300);
const CONCURRENT_ROUNDS = 8;
const UPLOAD_TTL_SECONDS = 2;
const seed = Number(process.env['RACE_SEED'] ?? Date.now() % 1_000_000);

let stack: TestStack;
let app: INestApplication;
let running: UploadsWithEvents;
let user: TestUser;
let api: EnclaveClient;

/** A small seeded generator (mulberry32), so a round's choices can be replayed. */
function random(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  running = await startUploadsWithEvents({
    // One user sends thousands of requests here on purpose: a 429 would hide the races.
    ...LIFTED_LIMITS,
    UPLOAD_TTL_SECONDS: String(UPLOAD_TTL_SECONDS),
    MULTIPART_THRESHOLD_BYTES: String(5 * MiB),
    MULTIPART_PART_SIZE_BYTES: String(5 * MiB),
  });
  ({ stack, app, user, api } = running);
}, 60_000);

afterAll(async () => {
  await running?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const firstPart = randomBytes(5 * MiB);
const lastPart = randomBytes(7);
const statuses: number[] = [];

/** Any answer but a 5xx; the status is kept for the final check. */
async function answered<T extends { response: Response }>(call: Promise<T>): Promise<T> {
  const result = await call;
  statuses.push(result.response.status);
  return result;
}

async function round(index: number): Promise<{ fileId: string; size: number }> {
  const next = random(seed * 1000 + index);
  const jitter = () => sleep(Math.floor(next() * 8));
  const multipart = next() < 0.1;
  const size = multipart ? 5 * MiB + lastPart.length : 1 + Math.floor(next() * 4096);
  const params = (fileId: string) => ({ path: { user_id: user.user_id, file_id: fileId } });
  const created = await answered(
    api.POST('/v1/users/{user_id}/files', {
      params: { path: { user_id: user.user_id } },
      body: { file_name: `round-${index}.bin`, size },
    }),
  );
  expect(created.response.status).toBe(201);
  const upload = created.data as Schemas['CreateFileResponse'];
  const fileId = upload.file_id;

  const sendBytes = async (): Promise<
    NonNullable<Schemas['CompleteFileRequest']['parts']> | undefined
  > => {
    await jitter();
    if (!multipart) {
      const bytes = randomBytes(size);
      const response = await fetch(upload.upload_url as string, {
        method: 'PUT',
        headers: upload.upload_headers,
        body: bytes,
      });
      await response.arrayBuffer();
      return undefined;
    }
    const signed = await answered(
      api.POST('/v1/users/{user_id}/files/{file_id}/parts', {
        params: params(fileId),
        body: { part_numbers: [1, 2] },
      }),
    );
    if (!signed.data) return undefined;
    return Promise.all(
      signed.data.parts.map(async (part) => {
        const response = await fetch(part.url, {
          method: 'PUT',
          headers: part.headers,
          body: part.part_number === 1 ? firstPart : lastPart,
        });
        await response.arrayBuffer();
        return { part_number: part.part_number, etag: response.headers.get('etag') ?? '"none"' };
      }),
    );
  };
  const completeLater = async (parts?: NonNullable<Schemas['CompleteFileRequest']['parts']>) => {
    await jitter();
    // Now and then the upload outlives its time, so the sweep races complete as well.
    if (next() < 0.05) await sleep(UPLOAD_TTL_SECONDS * 1000 + 100);
    await answered(
      api.POST('/v1/users/{user_id}/files/{file_id}/complete', {
        params: params(fileId),
        body: parts ? { parts } : undefined,
      }),
    );
  };
  const deleteLater = async () => {
    await jitter();
    await answered(api.DELETE('/v1/users/{user_id}/files/{file_id}', { params: params(fileId) }));
  };
  const sweepLater = async () => {
    await jitter();
    await app.get(AbandonedUploadsSweeper).sweep();
  };

  const deletes = next() < 0.5;
  const sweeps = next() < 0.2;
  const completeAfterBytes = next() < 0.7;
  const work: Promise<unknown>[] = [];
  if (completeAfterBytes) work.push(sendBytes().then(completeLater));
  else work.push(sendBytes(), completeLater());
  if (deletes) work.push(deleteLater());
  if (sweeps) work.push(sweepLater());
  await Promise.all(work);
  return { fileId, size };
}

it(`${ROUNDS} rounds of racing operations leave bytes, rows and usage in step`, async () => {
  console.log(`integrity races: seed ${seed} (RACE_SEED=${seed} replays it)`);
  const files: { fileId: string; size: number }[] = [];
  // A pool of workers, so a round that waits out its upload's time holds up no other round.
  let nextRound = 0;
  const worker = async (): Promise<void> => {
    while (nextRound < ROUNDS) files.push(await round(nextRound++));
  };
  await Promise.all(Array.from({ length: CONCURRENT_ROUNDS }, worker));
  expect(statuses.filter((status) => status >= 500)).toEqual([]);

  // Let every upload still open run out of time and be swept, then check the end state.
  await running.feed.settled();
  await sleep(UPLOAD_TTL_SECONDS * 1000 + 100);
  await app.get(AbandonedUploadsSweeper).sweep();
  await running.feed.settled();

  let readyBytes = 0;
  const readyKeys: string[] = [];
  const broken: string[] = [];
  for (const { fileId, size } of files) {
    const key = `${user.user_id}/${fileId}`;
    const row = await api.GET('/v1/users/{user_id}/files/{file_id}', {
      params: { path: { user_id: user.user_id, file_id: fileId } },
    });
    const stored = await stack.objectSize(key);
    if (row.data?.status === 'READY') {
      readyBytes += size;
      readyKeys.push(key);
      if (stored !== size) broken.push(`${fileId}: READY with ${stored} bytes stored of ${size}`);
    } else if (row.response.status !== 404 || stored !== undefined) {
      broken.push(`${fileId}: answered ${row.response.status} with ${stored} bytes stored`);
    }
  }
  expect(broken).toEqual([]);
  expect((await stack.objectKeys(`${user.user_id}/`)).sort()).toEqual(readyKeys.sort());
  expect(await app.get(StorageUsageRepository).used(user.user_id)).toBe(readyBytes);
  // The rounds really raced: some files ended READY and some were removed.
  expect(readyKeys.length).toBeGreaterThan(0);
  expect(readyKeys.length).toBeLessThan(files.length);
}, 600_000);
