import type { INestApplication } from '@nestjs/common';
import { createEnclaveClient, type EnclaveClient, type Schemas } from '@enclave/api-contract';
import {
  sha256Hex,
  signUpUser,
  startTestStack,
  stopAll,
  type TestStack,
  type TestUser,
} from '@enclave/testing';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { AbandonedUploadsSweeper } from './files/abandoned-uploads.sweeper';
import {
  type CheckedUploadsApp,
  startCheckedUploadsApp,
} from './testing/checked-uploads-app.fixture';

// Multipart uploads against s3rver behind the SigV4-verifying proxy, through the real service
// (and a check of its every answer against openapi.yaml).
const MiB = 1024 ** 2;
let stack: TestStack;
let user: TestUser;
const apps: CheckedUploadsApp[] = [];

interface Running {
  app: INestApplication;
  api: EnclaveClient;
  baseUrl: string;
  /** Bytes the API's sockets have read so far (requests, headers and bodies). */
  bytesReceived(): number;
}

async function startApp(overrides: Record<string, string> = {}): Promise<Running> {
  const checked = await startCheckedUploadsApp({ ...stack.env, ...overrides });
  apps.push(checked);
  const { app, baseUrl } = checked;
  // Counted at the app's own sockets (the contract check's connections): what the API reads.
  const sockets = new Set<Socket>();
  let closedBytes = 0;
  const server = app.getHttpServer() as Server;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      closedBytes += socket.bytesRead;
      sockets.delete(socket);
    });
  });
  return {
    app,
    api: createEnclaveClient({ baseUrl, token: () => user.idToken }),
    baseUrl,
    bytesReceived: () => closedBytes + [...sockets].reduce((sum, s) => sum + s.bytesRead, 0),
  };
}

const path = () => ({ user_id: user.user_id });

async function create(api: EnclaveClient, body: Schemas['CreateFileRequest']) {
  const result = await api.POST('/v1/users/{user_id}/files', { params: { path: path() }, body });
  return result;
}

/** Sends every part (4 at a time), as a client would, and returns their ETags. */
async function uploadParts(
  api: EnclaveClient,
  created: Schemas['CreateFileResponse'],
  bytes: Uint8Array<ArrayBuffer>,
  only?: number[],
): Promise<{ part_number: number; etag: string }[]> {
  const plan = created.multipart as Schemas['MultipartPlan'];
  const numbers = only ?? Array.from({ length: plan.part_count }, (_, i) => i + 1);
  const done: { part_number: number; etag: string }[] = [];
  for (let i = 0; i < numbers.length; i += 4) {
    const batch = numbers.slice(i, i + 4);
    const { data, response } = await api.POST('/v1/users/{user_id}/files/{file_id}/parts', {
      params: { path: { ...path(), file_id: created.file_id } },
      body: { part_numbers: batch },
    });
    // A refused request must fail the test here, not hand back zero parts to loop over.
    expect(response.status).toBe(200);
    expect(data?.parts.map((part) => part.part_number)).toEqual(batch);
    await Promise.all(
      (data?.parts ?? []).map(async (part) => {
        const start = (part.part_number - 1) * plan.part_size;
        const body = bytes.subarray(start, Math.min(start + plan.part_size, bytes.length));
        const response = await fetch(part.url, { method: 'PUT', headers: part.headers, body });
        expect(response.status).toBe(200);
        done.push({ part_number: part.part_number, etag: response.headers.get('etag') as string });
      }),
    );
  }
  expect(done).toHaveLength(numbers.length);
  return done.sort((a, b) => a.part_number - b.part_number);
}

async function putWhole(
  created: Schemas['CreateFileResponse'],
  bytes: Uint8Array<ArrayBuffer>,
): Promise<undefined> {
  const put = await fetch(created.upload_url as string, {
    method: 'PUT',
    headers: created.upload_headers,
    body: bytes,
  });
  expect(put.status).toBe(200);
  return undefined;
}

async function download(api: EnclaveClient, fileId: string): Promise<Uint8Array> {
  const { data } = await api.GET('/v1/users/{user_id}/files/{file_id}/download', {
    params: { path: { ...path(), file_id: fileId } },
  });
  return new Uint8Array(await (await fetch(data?.download_url as string)).arrayBuffer());
}

beforeAll(async () => {
  stack = await startTestStack();
  user = await signUpUser(stack);
}, 60_000);

afterAll(async () => {
  // Throws every app's contract violations, once the stack is stopped too.
  await stopAll(apps, stack);
});

describe('multipart uploads', () => {
  it('uploads a 64 MiB + 1 byte file in parts (default settings) and downloads the same bytes', async () => {
    const { api } = await startApp();
    const bytes = randomBytes(64 * MiB + 1);
    const { data: created, response } = await create(api, {
      file_name: 'big.bin',
      size: bytes.length,
    });
    expect(response.status).toBe(201);
    expect(created?.upload_url).toBeUndefined();
    expect(created?.multipart).toEqual({ part_size: 16 * MiB, part_count: 5 });
    const parts = await uploadParts(api, created as Schemas['CreateFileResponse'], bytes);
    const completed = await api.POST('/v1/users/{user_id}/files/{file_id}/complete', {
      params: { path: { ...path(), file_id: created?.file_id as string } },
      body: { parts },
    });
    expect(completed.data).toMatchObject({ status: 'READY', size: bytes.length });
    expect(sha256Hex(await download(api, created?.file_id as string))).toBe(sha256Hex(bytes));
  });

  it('moves 256 MiB up and down while the API itself receives under 1 MiB', async () => {
    const { api, bytesReceived } = await startApp();
    const before = bytesReceived();
    const bytes = randomBytes(256 * MiB);
    const { data: created } = await create(api, { file_name: '256.bin', size: bytes.length });
    const parts = await uploadParts(api, created as Schemas['CreateFileResponse'], bytes);
    await api.POST('/v1/users/{user_id}/files/{file_id}/complete', {
      params: { path: { ...path(), file_id: created?.file_id as string } },
      body: { parts },
    });
    expect(sha256Hex(await download(api, created?.file_id as string))).toBe(sha256Hex(bytes));
    const received = bytesReceived() - before;
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(1 * MiB);
  }, 120_000);

  describe('edge sizes (threshold 6 MiB, 5 MiB parts)', () => {
    let api: EnclaveClient;
    beforeAll(async () => {
      ({ api } = await startApp({
        MULTIPART_THRESHOLD_BYTES: String(6 * MiB),
        MULTIPART_PART_SIZE_BYTES: String(5 * MiB),
      }));
    });

    it.each([
      ['0 bytes', 0, false],
      ['1 byte', 1, false],
      ['exactly the threshold', 6 * MiB, false],
      ['threshold + 1', 6 * MiB + 1, true],
      ['an exact multiple of the part size', 10 * MiB, true],
      ['a tiny last part', 10 * MiB + 1, true],
    ])('round-trips %s', async (_, size, multipart) => {
      const bytes = randomBytes(size);
      const { data: created } = await create(api, { file_name: `edge-${size}`, size });
      expect(created?.multipart !== undefined).toBe(multipart);
      // Multipart parts are checked inside uploadParts; a single PUT must answer 200.
      const body: Schemas['CompleteFileRequest'] | undefined = multipart
        ? { parts: await uploadParts(api, created as Schemas['CreateFileResponse'], bytes) }
        : await putWhole(created as Schemas['CreateFileResponse'], bytes);
      const completed = await api.POST('/v1/users/{user_id}/files/{file_id}/complete', {
        params: { path: { ...path(), file_id: created?.file_id as string } },
        body,
      });
      expect(completed.data).toMatchObject({ status: 'READY', size });
      expect(sha256Hex(await download(api, created?.file_id as string))).toBe(sha256Hex(bytes));
    });

    it('refuses a part of another length than its URL was signed for', async () => {
      const { data: created } = await create(api, { file_name: 'strict', size: 10 * MiB + 1 });
      const { data } = await api.POST('/v1/users/{user_id}/files/{file_id}/parts', {
        params: { path: { ...path(), file_id: created?.file_id as string } },
        body: { part_numbers: [2] },
      });
      const part = data?.parts[0] as Schemas['PresignPartsResponse']['parts'][number];
      expect(
        (
          await fetch(part.url, {
            method: 'PUT',
            headers: part.headers,
            body: randomBytes(5 * MiB + 1),
          })
        ).status,
      ).toBe(403);
    });

    it('refuses a corrupted part when the upload checks SHA-256', async () => {
      const bytes = randomBytes(10 * MiB + 1);
      const { data: created } = await create(api, {
        file_name: 'checked',
        size: bytes.length,
        checksum_algorithm: 'SHA256',
      });
      const first = bytes.subarray(0, 5 * MiB);
      const { data } = await api.POST('/v1/users/{user_id}/files/{file_id}/parts', {
        params: { path: { ...path(), file_id: created?.file_id as string } },
        body: { part_numbers: [1], sha256: { '1': sha256Hex(first) } },
      });
      const part = data?.parts[0] as Schemas['PresignPartsResponse']['parts'][number];
      const corrupted = Buffer.from(first);
      corrupted[12345] ^= 0xff;
      expect(
        (await fetch(part.url, { method: 'PUT', headers: part.headers, body: corrupted })).status,
      ).toBe(400);
      const good = await fetch(part.url, { method: 'PUT', headers: part.headers, body: first });
      expect(good.status).toBe(200);
    });

    it('answers 400 for part numbers 0, 10,001, duplicates and past the last part', async () => {
      const { data: created } = await create(api, { file_name: 'parts', size: 10 * MiB + 1 });
      for (const part_numbers of [[0], [10_001], [1, 1], [4]]) {
        const result = await api.POST('/v1/users/{user_id}/files/{file_id}/parts', {
          params: { path: { ...path(), file_id: created?.file_id as string } },
          body: { part_numbers },
        });
        expect({ part_numbers, status: result.response.status }).toEqual({
          part_numbers,
          status: 400,
        });
      }
    });

    it('answers 409 to complete with missing parts, and lists the parts S3 holds to resume', async () => {
      const bytes = randomBytes(10 * MiB + 1);
      const { data: created } = await create(api, { file_name: 'partial', size: bytes.length });
      const parts = await uploadParts(api, created as Schemas['CreateFileResponse'], bytes, [1, 3]);
      const params = { path: { ...path(), file_id: created?.file_id as string } };
      const missing = await api.POST('/v1/users/{user_id}/files/{file_id}/complete', {
        params,
        body: { parts },
      });
      expect(missing.response.status).toBe(409);
      expect((missing.error as Schemas['Problem']).detail).toContain('Parts missing: 2');
      const listing = await api.GET('/v1/users/{user_id}/files/{file_id}/parts', { params });
      expect(listing.response.status).toBe(200);
      expect(listing.data).toMatchObject({ part_size: 5 * MiB, part_count: 3 });
      expect(listing.data?.parts.map((p) => [p.part_number, p.etag, p.size])).toEqual([
        [1, parts[0]?.etag, 5 * MiB],
        [3, parts[1]?.etag, 1],
      ]);
      expect((await api.GET('/v1/users/{user_id}/files/{file_id}', { params })).data?.status).toBe(
        'UPLOADING',
      );
    });

    it('answers 409 naming the part S3 does not hold when an ETag is wrong', async () => {
      const bytes = randomBytes(10 * MiB + 1);
      const { data: created } = await create(api, { file_name: 'wrong-etag', size: bytes.length });
      const parts = await uploadParts(api, created as Schemas['CreateFileResponse'], bytes);
      const params = { path: { ...path(), file_id: created?.file_id as string } };
      const wrong = parts.map((p, i) =>
        i === 1 ? { ...p, etag: '"0123456789abcdef0123456789abcdef"' } : p,
      );
      const refused = await api.POST('/v1/users/{user_id}/files/{file_id}/complete', {
        params,
        body: { parts: wrong },
      });
      expect(refused.response.status).toBe(409);
      expect((refused.error as Schemas['Problem']).detail).toMatch(/no part matching/);
      const completed = await api.POST('/v1/users/{user_id}/files/{file_id}/complete', {
        params,
        body: { parts },
      });
      expect(completed.data).toMatchObject({ status: 'READY', size: bytes.length });
    });

    it('cancels an unfinished upload: no live row, no object', async () => {
      const bytes = randomBytes(10 * MiB + 1);
      const { data: created } = await create(api, { file_name: 'cancelled', size: bytes.length });
      await uploadParts(api, created as Schemas['CreateFileResponse'], bytes, [1]);
      const params = { path: { ...path(), file_id: created?.file_id as string } };
      expect(
        (await api.DELETE('/v1/users/{user_id}/files/{file_id}', { params })).response.status,
      ).toBe(200);
      expect(
        (await api.GET('/v1/users/{user_id}/files/{file_id}', { params })).response.status,
      ).toBe(404);
      const listed = await api.GET('/v1/users/{user_id}/files', { params: { path: path() } });
      expect(listed.data?.user_files.map((f) => f.file_id)).not.toContain(created?.file_id);
      expect(await stack.objectSize(`${user.user_id}/${created?.file_id}`)).toBeUndefined();
    });
  });

  it('refuses 6 TiB with 400 and a size over the quota with 413', async () => {
    const { baseUrl } = await startApp({ USER_QUOTA_BYTES: String(5 * MiB) });
    const fresh = await signUpUser(stack);
    const api = createEnclaveClient({ baseUrl, token: () => fresh.idToken });
    const params = { path: { user_id: fresh.user_id } };
    const huge = await api.POST('/v1/users/{user_id}/files', {
      params,
      body: { file_name: 'x', size: 6 * 1024 ** 4 },
    });
    expect(huge.response.status).toBe(400);
    const fits = await api.POST('/v1/users/{user_id}/files', {
      params,
      body: { file_name: 'x', size: 5 * MiB },
    });
    expect(fits.response.status).toBe(201);
    const over = await api.POST('/v1/users/{user_id}/files', {
      params,
      body: { file_name: 'y', size: 1 },
    });
    expect(over.response.status).toBe(413);
    expect((over.error as Schemas['Problem']).detail).toMatch(/quota/i);
  });

  it('sweeps uploads abandoned past their time', async () => {
    const { api, app } = await startApp({
      UPLOAD_TTL_SECONDS: '1',
      MULTIPART_THRESHOLD_BYTES: String(6 * MiB),
    });
    const { data: created } = await create(api, { file_name: 'abandoned', size: 7 * MiB });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await app.get(AbandonedUploadsSweeper).sweep()).abandoned).toBeGreaterThanOrEqual(1);
    const params = { path: { ...path(), file_id: created?.file_id as string } };
    expect((await api.GET('/v1/users/{user_id}/files/{file_id}', { params })).response.status).toBe(
      404,
    );
  });
});
