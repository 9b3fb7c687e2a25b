import type { INestApplication } from '@nestjs/common';
import type { EnclaveClient, Schemas } from '@enclave/api-contract';
import { StorageUsageRepository } from '@enclave/metadata';
import { sha256Hex, type TestStack, type TestUser } from '@enclave/testing';
import { randomBytes } from 'node:crypto';
import { AbandonedUploadsSweeper } from './files/abandoned-uploads.sweeper';
import {
  startUploadsWithEvents,
  type UploadsWithEvents,
} from './testing/uploads-with-events.fixture';

// Bytes and rows never part ways: the uploads service, its object-created handler (fed by the
// local S3's events, as S3 notifications feed it on AWS) and its sweep, against the local stack.
const MiB = 1024 ** 2;
let stack: TestStack;
let app: INestApplication;
let running: UploadsWithEvents;
let user: TestUser;
let api: EnclaveClient;

beforeAll(async () => {
  running = await startUploadsWithEvents({
    USER_QUOTA_BYTES: String(12 * MiB),
    MULTIPART_THRESHOLD_BYTES: String(5 * MiB),
    MULTIPART_PART_SIZE_BYTES: String(5 * MiB),
  });
  ({ stack, app, user, api } = running);
}, 60_000);

afterAll(async () => {
  await running?.stop();
});

const params = (fileId: string) => ({ path: { user_id: user.user_id, file_id: fileId } });

async function create(body: Schemas['CreateFileRequest']): Promise<Schemas['CreateFileResponse']> {
  const { data, response } = await api.POST('/v1/users/{user_id}/files', {
    params: { path: { user_id: user.user_id } },
    body,
  });
  expect(response.status).toBe(201);
  return data as Schemas['CreateFileResponse'];
}

const put = (upload: Schemas['CreateFileResponse'], bytes: Uint8Array<ArrayBuffer>) =>
  fetch(upload.upload_url as string, {
    method: 'PUT',
    headers: upload.upload_headers,
    body: bytes,
  });

async function putPart(fileId: string, partNumber: number, bytes: Uint8Array<ArrayBuffer>) {
  const { data } = await api.POST('/v1/users/{user_id}/files/{file_id}/parts', {
    params: params(fileId),
    body: { part_numbers: [partNumber] },
  });
  const part = data?.parts[0] as Schemas['PresignPartsResponse']['parts'][number];
  const response = await fetch(part.url, { method: 'PUT', headers: part.headers, body: bytes });
  expect(response.status).toBe(200);
  return { part_number: partNumber, etag: response.headers.get('etag') as string };
}

const complete = (fileId: string, body?: Schemas['CompleteFileRequest']) =>
  api.POST('/v1/users/{user_id}/files/{file_id}/complete', { params: params(fileId), body });
const remove = (fileId: string) =>
  api.DELETE('/v1/users/{user_id}/files/{file_id}', { params: params(fileId) });
const used = () => app.get(StorageUsageRepository).used(user.user_id);

async function readyFile(name: string, bytes: Uint8Array<ArrayBuffer>, contentType?: string) {
  const upload = await create({ file_name: name, size: bytes.length, content_type: contentType });
  expect((await put(upload, bytes)).status).toBe(200);
  expect((await complete(upload.file_id)).response.status).toBe(200);
  return upload;
}

afterEach(async () => {
  // Each test starts from an empty account: its files deleted, their removals settled.
  await running.feed.settled();
  const { data } = await api.GET('/v1/users/{user_id}/files', {
    params: { path: { user_id: user.user_id }, query: { limit: 100 } },
  });
  for (const file of data?.user_files ?? []) await remove(file.file_id);
  await running.feed.settled();
});

describe('an upload URL cannot outlive its file', () => {
  it('bytes PUT to the URL of a deleted file are removed, and the quota stays free', async () => {
    const bytes = randomBytes(900 * 1024);
    for (let round = 0; round < 5; round++) {
      const upload = await create({ file_name: `round-${round}.bin`, size: bytes.length });
      expect((await remove(upload.file_id)).response.status).toBe(200);
      // S3 cannot revoke a presigned URL: the PUT lands, and the object-created handler removes it.
      expect((await put(upload, bytes)).status).toBe(200);
      await running.feed.settled();
      expect(await stack.objectSize(`${user.user_id}/${upload.file_id}`)).toBeUndefined();
    }
    expect(await stack.objectKeys(`${user.user_id}/`)).toEqual([]);
    expect(await used()).toBe(0);
  });

  it('a second PUT to a completed file’s URL is refused and its bytes stay', async () => {
    const bytes = randomBytes(1000);
    const upload = await readyFile('kept.bin', bytes);
    const again = await put(upload, randomBytes(1000));
    expect(again.status).toBe(412);
    expect(await again.text()).toContain('<Code>PreconditionFailed</Code>');
    const link = await api.GET('/v1/users/{user_id}/files/{file_id}/download', {
      params: params(upload.file_id),
    });
    const download = await fetch(link.data?.download_url as string);
    expect(sha256Hex(new Uint8Array(await download.arrayBuffer()))).toBe(sha256Hex(bytes));
  });

  it('the sweep removes a stray whose event was lost', async () => {
    const upload = await create({ file_name: 'lost-event.bin', size: 10 });
    await remove(upload.file_id);
    const resume = running.pauseEvents();
    try {
      expect((await put(upload, randomBytes(10))).status).toBe(200);
      expect(await stack.objectSize(`${user.user_id}/${upload.file_id}`)).toBe(10);
      expect((await app.get(AbandonedUploadsSweeper).sweep()).strays).toBeGreaterThanOrEqual(1);
      expect(await stack.objectSize(`${user.user_id}/${upload.file_id}`)).toBeUndefined();
    } finally {
      resume();
    }
  });
});

describe('no file name can break a key', () => {
  it.each([234, 236, 240, 241, 1024])(
    'a name of %i bytes uploads, completes and downloads under its name',
    async (length) => {
      const name = `${'n'.repeat(length - 4)}.txt`;
      const upload = await readyFile(name, new TextEncoder().encode('hello'));
      const link = await api.GET('/v1/users/{user_id}/files/{file_id}/download', {
        params: params(upload.file_id),
      });
      const download = await fetch(link.data?.download_url as string);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toContain(name);
      expect(await stack.objectSize(`${user.user_id}/${upload.file_id}`)).toBe(5);
    },
  );
});

describe('races leave nothing behind', () => {
  it('complete racing delete on a 2-part upload never leaves the assembled object', async () => {
    const first = randomBytes(5 * MiB);
    const last = randomBytes(1);
    for (let round = 0; round < 12; round++) {
      const upload = await create({ file_name: `race-${round}.bin`, size: 5 * MiB + 1 });
      const parts = [
        await putPart(upload.file_id, 1, first),
        await putPart(upload.file_id, 2, last),
      ];
      const [completed, deleted] = await Promise.all([
        complete(upload.file_id, { parts }),
        remove(upload.file_id),
      ]);
      expect(deleted.response.status).toBe(200);
      expect([200, 404, 409]).toContain(completed.response.status);
      await running.feed.settled();
      expect(await stack.objectSize(`${user.user_id}/${upload.file_id}`)).toBeUndefined();
    }
    expect(await used()).toBe(0);
  });
});

describe('inline only where the bucket’s origin is safe', () => {
  const served = async (contentType: string, disposition: 'inline' | 'attachment') => {
    const upload = await readyFile(
      `page-${randomBytes(4).toString('hex')}`,
      new TextEncoder().encode('<script>alert(1)</script>'),
      contentType,
    );
    const link = await api.GET('/v1/users/{user_id}/files/{file_id}/download', {
      params: { ...params(upload.file_id), query: { disposition } },
    });
    const response = await fetch(link.data?.download_url as string);
    await response.arrayBuffer();
    return {
      type: response.headers.get('content-type'),
      disposition: response.headers.get('content-disposition')?.split(';')[0],
    };
  };

  it.each(['text/html', 'image/svg+xml', 'application/javascript', 'text/xml'])(
    '%s asked for inline is served as plain text',
    async (type) => {
      expect(await served(type, 'inline')).toEqual({
        type: 'text/plain; charset=utf-8',
        disposition: 'inline',
      });
    },
  );

  it('an image is served inline as itself; unknown bytes only as an attachment', async () => {
    expect(await served('image/png', 'inline')).toEqual({
      type: 'image/png',
      disposition: 'inline',
    });
    expect(await served('application/octet-stream', 'inline')).toEqual({
      type: 'application/octet-stream',
      disposition: 'attachment',
    });
    expect(await served('text/html', 'attachment')).toEqual({
      type: 'text/html',
      disposition: 'attachment',
    });
  });
});
