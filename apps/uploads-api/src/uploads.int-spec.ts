import { fakeIdToken } from '@enclave/auth-guard/testing';
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
import {
  type CheckedUploadsApp,
  startCheckedUploadsApp,
} from './testing/checked-uploads-app.fixture';

// The whole product path against real stand-ins: local auth (sign-up, e-mailed password, TOTP),
// s3rver behind a SigV4-verifying proxy, dynalite, and the uploads service over HTTP (through a
// check of every answer against openapi.yaml).
let stack: TestStack;
let app: CheckedUploadsApp;
let baseUrl: string;
let alice: TestUser;
let bob: TestUser;

const clientFor = (token?: string): EnclaveClient =>
  createEnclaveClient({ baseUrl, token: () => token });

const startApp = (overrides: Record<string, string> = {}): Promise<CheckedUploadsApp> =>
  startCheckedUploadsApp({ ...stack.env, ...overrides });

async function createUpload(
  user: TestUser,
  body: Schemas['CreateFileRequest'],
): Promise<Schemas['CreateFileResponse']> {
  const { data, response } = await clientFor(user.idToken).POST('/v1/users/{user_id}/files', {
    params: { path: { user_id: user.user_id } },
    body,
  });
  expect(response.status).toBe(201);
  return data as Schemas['CreateFileResponse'];
}

function put(
  upload: Schemas['CreateFileResponse'],
  bytes: Uint8Array<ArrayBuffer>,
  headers = upload.upload_headers,
): Promise<Response> {
  return fetch(upload.upload_url as string, { method: 'PUT', headers, body: bytes });
}

beforeAll(async () => {
  stack = await startTestStack();
  app = await startApp();
  baseUrl = app.baseUrl;
  [alice, bob] = await Promise.all([signUpUser(stack), signUpUser(stack)]);
}, 60_000);

afterAll(async () => {
  // Throws the app's contract violations, once the stack is stopped too.
  await stopAll(app ? [app] : [], stack);
});

describe('uploads-api against the local stack', () => {
  it('uploads, lists, downloads the same bytes, deletes, then answers 404', async () => {
    const api = clientFor(alice.idToken);
    const path = { user_id: alice.user_id };
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const upload = await createUpload(alice, {
      file_name: 'Quarterly report ☂.bin',
      size: bytes.length,
      content_type: 'application/octet-stream',
    });
    expect(upload.status).toBe('UPLOADING');

    expect((await put(upload, bytes)).status).toBe(200);
    const completed = await api.POST('/v1/users/{user_id}/files/{file_id}/complete', {
      params: { path: { ...path, file_id: upload.file_id } },
    });
    expect(completed.data).toEqual({
      file_id: upload.file_id,
      file_name: 'Quarterly report ☂.bin',
      size: bytes.length,
      status: 'READY',
    });

    const listed = await api.GET('/v1/users/{user_id}/files', { params: { path } });
    expect(listed.data?.user_files.find((f) => f.file_id === upload.file_id)).toMatchObject({
      status: 'READY',
      size: bytes.length,
    });

    const link = await api.GET('/v1/users/{user_id}/files/{file_id}/download', {
      params: { path: { ...path, file_id: upload.file_id } },
    });
    const download = await fetch(link.data?.download_url as string);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Quarterly report ?.bin"; filename*=UTF-8''Quarterly%20report%20%E2%98%82.bin`,
    );
    expect(sha256Hex(new Uint8Array(await download.arrayBuffer()))).toBe(sha256Hex(bytes));
    expect(Date.parse(link.data?.expires_at as string) - Date.now()).toBeGreaterThan(3500_000);

    const inline = await api.GET('/v1/users/{user_id}/files/{file_id}/download', {
      params: { path: { ...path, file_id: upload.file_id }, query: { disposition: 'inline' } },
    });
    // Bytes of unknown type could be anything a browser runs: never inline from the bucket.
    expect(
      (await fetch(inline.data?.download_url as string)).headers.get('content-disposition'),
    ).toMatch(/^attachment;/);

    const deleted = await api.DELETE('/v1/users/{user_id}/files/{file_id}', {
      params: { path: { ...path, file_id: upload.file_id } },
    });
    expect(deleted.data).toEqual({
      file_id: upload.file_id,
      file_name: 'Quarterly report ☂.bin',
      file_status: 'DELETED',
    });
    const gone = await api.GET('/v1/users/{user_id}/files/{file_id}', {
      params: { path: { ...path, file_id: upload.file_id } },
    });
    expect(gone.response.status).toBe(404);
    expect(gone.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await fetch(link.data?.download_url as string)).status).toBe(404);
    const again = await api.DELETE('/v1/users/{user_id}/files/{file_id}', {
      params: { path: { ...path, file_id: upload.file_id } },
    });
    expect(again.data).toEqual(deleted.data);
  });

  it('answers 409 to complete before the bytes arrive, and the same answer to complete twice', async () => {
    const api = clientFor(alice.idToken);
    const bytes = randomBytes(1000);
    const upload = await createUpload(alice, {
      file_name: 'early.txt',
      size: bytes.length,
      content_type: 'text/plain',
    });
    const params = { path: { user_id: alice.user_id, file_id: upload.file_id } };
    const early = await api.POST('/v1/users/{user_id}/files/{file_id}/complete', { params });
    expect(early.response.status).toBe(409);
    expect((await api.GET('/v1/users/{user_id}/files/{file_id}', { params })).data?.status).toBe(
      'UPLOADING',
    );
    expect(
      (await api.GET('/v1/users/{user_id}/files/{file_id}/download', { params })).response.status,
    ).toBe(409);

    expect((await put(upload, bytes)).status).toBe(200);
    const first = await api.POST('/v1/users/{user_id}/files/{file_id}/complete', { params });
    const second = await api.POST('/v1/users/{user_id}/files/{file_id}/complete', { params });
    expect(first.response.status).toBe(200);
    expect(second.response.status).toBe(200);
    expect(second.data).toEqual(first.data);
  });

  it('pages through a user’s files newest first', async () => {
    const user = await signUpUser(stack);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await createUpload(user, { file_name: `f${i}`, size: 1 })).file_id);
    const api = clientFor(user.idToken);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.GET('/v1/users/{user_id}/files', {
        params: { path: { user_id: user.user_id }, query: { limit: 2, cursor } },
      });
      expect(page.response.status).toBe(200);
      seen.push(...(page.data?.user_files ?? []).map((f) => f.file_id));
      cursor = page.data?.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(ids.reverse());
  });

  describe('presigned upload URLs are bound to what was declared', () => {
    let upload: Schemas['CreateFileResponse'];
    const bytes = new TextEncoder().encode('exactly these bytes');

    beforeEach(async () => {
      upload = await createUpload(alice, {
        file_name: 'bound.txt',
        size: bytes.length,
        content_type: 'text/plain',
      });
    });

    it('refuses another key', async () => {
      const other = (upload.upload_url as string).replace(
        `/${upload.file_id}?`,
        `/${upload.file_id}x?`,
      );
      expect(
        (await fetch(other, { method: 'PUT', headers: upload.upload_headers, body: bytes })).status,
      ).toBe(403);
    });

    it('refuses another Content-Type', async () => {
      expect((await put(upload, bytes, { 'Content-Type': 'text/html' })).status).toBe(403);
    });

    it('refuses another length', async () => {
      expect((await put(upload, new TextEncoder().encode('other bytes'))).status).toBe(403);
    });

    it('accepts exactly what was signed', async () => {
      expect((await put(upload, bytes)).status).toBe(200);
    });
  });

  it('refuses a presigned upload URL after it expires', async () => {
    const shortLived = await startApp({ UPLOAD_URL_EXPIRES_SECONDS: '1' });
    try {
      const { data } = await createEnclaveClient({
        baseUrl: shortLived.baseUrl,
        token: () => alice.idToken,
      }).POST('/v1/users/{user_id}/files', {
        params: { path: { user_id: alice.user_id } },
        body: { file_name: 'late.txt', size: 4, content_type: 'text/plain' },
      });
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const late = await put(
        data as Schemas['CreateFileResponse'],
        new TextEncoder().encode('late'),
      );
      expect(late.status).toBe(403);
      expect(await late.text()).toMatch(/expired/i);
    } finally {
      await shortLived.stop();
    }
  });

  describe('access control', () => {
    let aliceFile: string;

    beforeAll(async () => {
      aliceFile = (await createUpload(alice, { file_name: 'private.txt', size: 3 })).file_id;
    });

    it('gives another user 403 on every one of the owner’s paths', async () => {
      const base = `${baseUrl}/v1/users/${alice.user_id}/files`;
      const attempts: [string, string, unknown?][] = [
        ['POST', base, { file_name: 'x', size: 1 }],
        ['GET', base],
        ['GET', `${base}/${aliceFile}`],
        ['POST', `${base}/${aliceFile}/complete`],
        ['POST', `${base}/${aliceFile}/parts`, { part_numbers: [1] }],
        ['GET', `${base}/${aliceFile}/parts`],
        ['GET', `${base}/${aliceFile}/download`],
        ['DELETE', `${base}/${aliceFile}`],
      ];
      for (const [method, url, body] of attempts) {
        const response = await fetch(url, {
          method,
          headers: {
            authorization: `Bearer ${bob.idToken}`,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
        });
        expect({ method, url, status: response.status }).toEqual({ method, url, status: 403 });
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
      const still = await clientFor(alice.idToken).GET('/v1/users/{user_id}/files/{file_id}', {
        params: { path: { user_id: alice.user_id, file_id: aliceFile } },
      });
      expect(still.data?.status).toBe('UPLOADING');
    });

    it('answers 401 without a token and with a garbage token', async () => {
      const url = `${baseUrl}/v1/users/${alice.user_id}/files`;
      for (const headers of [
        {} as Record<string, string>,
        { authorization: 'Bearer not-a-real-token' },
        { authorization: 'Basic YTpi' },
      ]) {
        const response = await fetch(url, { headers });
        expect(response.status).toBe(401);
        const body = (await response.json()) as Schemas['Problem'];
        expect(body).toMatchObject({ status: 401, type: 'urn:enclave:problem:unauthenticated' });
      }
    });

    it('gives the owner 404, not another user’s data, for a file id that is not theirs', async () => {
      const response = await clientFor(bob.idToken).GET('/v1/users/{user_id}/files/{file_id}', {
        params: { path: { user_id: bob.user_id, file_id: aliceFile } },
      });
      expect(response.response.status).toBe(404);
    });
  });

  describe('bad input', () => {
    const send = (body: string, contentType = 'application/json') =>
      fetch(`${baseUrl}/v1/users/${alice.user_id}/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${alice.idToken}`, 'content-type': contentType },
        body,
      });

    it.each([
      ['a missing file name', { size: 1 }, 'body.file_name'],
      ['an empty file name', { file_name: '', size: 1 }, 'body.file_name'],
      ['a file name over 1024 bytes', { file_name: 'é'.repeat(513), size: 1 }, 'body.file_name'],
      ['a file name with a slash', { file_name: 'a/b', size: 1 }, 'body.file_name'],
      ['a file name of ..', { file_name: '..', size: 1 }, 'body.file_name'],
      ['a file name with NUL', { file_name: 'a\u0000b', size: 1 }, 'body.file_name'],
      [
        'a file name with a control character',
        { file_name: 'a\u001bb', size: 1 },
        'body.file_name',
      ],
      ['a negative size', { file_name: 'a', size: -1 }, 'body.size'],
      ['a fractional size', { file_name: 'a', size: 0.5 }, 'body.size'],
      ['an absurd size', { file_name: 'a', size: 2 ** 60 }, 'body.size'],
      ['an unknown field', { file_name: 'a', size: 1, is_admin: true }, 'body.is_admin'],
    ])('answers 400 naming the field for %s', async (_, body, field) => {
      const response = await send(JSON.stringify(body));
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as Schemas['Problem'];
      expect(problem.errors?.map((e) => e.field)).toContain(field);
    });

    it('answers 400 for a malformed file id and cursor', async () => {
      const api = clientFor(alice.idToken);
      const bad = await api.GET('/v1/users/{user_id}/files/{file_id}', {
        params: { path: { user_id: alice.user_id, file_id: 'nope' } },
      });
      expect(bad.response.status).toBe(400);
      expect((bad.error as Schemas['Problem']).errors?.[0]?.field).toBe('path.file_id');
      const cursor = await api.GET('/v1/users/{user_id}/files', {
        params: { path: { user_id: alice.user_id }, query: { cursor: 'AAAA' } },
      });
      expect(cursor.response.status).toBe(400);
    });

    it('never answers 500, whatever the body', async () => {
      const bodies = [
        '',
        '{',
        'null',
        '[]',
        '"text"',
        '42',
        '{"file_name":{"$gt":""},"size":1}',
        '{"__proto__":{"x":1},"file_name":"a","size":1}',
      ];
      for (const body of bodies) {
        const response = await send(body);
        expect({ body, status: response.status < 500 }).toEqual({ body, status: true });
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      }
      expect((await send('file_name=a&size=1', 'application/x-www-form-urlencoded')).status).toBe(
        415,
      );
      expect((await send('x'.repeat(3 * 1024 * 1024))).status).toBe(413);
    });
  });

  // Last: it stops the auth stand-in.
  it('answers 503 with a problem body, not 401 or 500, while the auth service is down', async () => {
    await stack.auth.stop();
    const response = await fetch(`${baseUrl}/v1/users/${alice.user_id}/files`, {
      headers: { authorization: `Bearer ${fakeIdToken()}` },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      status: 503,
      type: 'urn:enclave:problem:unavailable',
    });
  });
});
