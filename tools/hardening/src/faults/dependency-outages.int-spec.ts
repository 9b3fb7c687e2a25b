import type { TestUser } from '@enclave/testing';
import type { FaultMode } from './fault-proxy';
import {
  type Answer,
  type Dependency,
  type FaultProduct,
  startFaultProduct,
} from './fault-product.fixture';

// Every dependency sits behind a fault proxy; each case takes one down for one step of a flow,
// checks the product answers an outage as an outage, then brings it back and retries.
let world: FaultProduct;

beforeAll(async () => {
  world = await startFaultProduct();
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

afterEach(() => {
  for (const proxy of Object.values(world.proxies)) proxy.setMode('pass');
});

function expectUnavailable(answer: Answer): void {
  const seen = `${answer.status} ${answer.headers.get('content-type')} ${answer.text.slice(0, 300)}`;
  expect({ status: answer.status, seen }).toMatchObject({ status: 503 });
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.json?.['status']).toBe(503);
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
}

/** Runs `request` with `dependency` in `mode`, answering what came back; then passes again. */
async function whileDown(
  dependency: Dependency,
  mode: FaultMode,
  request: () => Promise<Answer>,
): Promise<Answer> {
  world.proxies[dependency].setMode(mode);
  try {
    return await request();
  } finally {
    world.proxies[dependency].setMode('pass');
  }
}

const bytesOf = (text: string) => new TextEncoder().encode(text);
const filesPath = (user: TestUser) => `/v1/users/${user.user_id}/files`;

async function createFile(user: TestUser, content: Uint8Array<ArrayBuffer>): Promise<Answer> {
  return world.call(user, 'POST', filesPath(user), {
    file_name: 'fault.txt',
    size: content.byteLength,
    content_type: 'text/plain',
  });
}

async function putBytes(created: Answer, content: Uint8Array<ArrayBuffer>): Promise<number> {
  const response = await fetch(created.json?.['upload_url'] as string, {
    method: 'PUT',
    headers: created.json?.['upload_headers'] as Record<string, string>,
    body: content,
  });
  await response.arrayBuffer();
  return response.status;
}

const complete = (user: TestUser, fileId: string) =>
  world.call(user, 'POST', `${filesPath(user)}/${fileId}/complete`);

/** A READY file of `user` holding `content`, uploaded with every dependency up. */
async function readyFile(user: TestUser, content: Uint8Array<ArrayBuffer>): Promise<string> {
  const created = await createFile(user, content);
  expect(created.status).toBe(201);
  expect(await putBytes(created, content)).toBe(200);
  const fileId = created.json?.['file_id'] as string;
  expect((await complete(user, fileId)).status).toBe(200);
  return fileId;
}

/** Downloads the file through its presigned URL and answers the bytes as text. */
async function downloadText(user: TestUser, fileId: string): Promise<string> {
  const answer = await world.call(user, 'GET', `${filesPath(user)}/${fileId}/download`);
  expect(answer.status).toBe(200);
  const response = await fetch(answer.json?.['download_url'] as string);
  expect(response.status).toBe(200);
  return response.text();
}

/** No file is READY without its object of the declared size; no key row stays CREATING. */
async function expectNothingHalfWritten(user: TestUser): Promise<void> {
  for (const row of await world.fileRows(user.user_id)) {
    if (row['status'] !== 'READY') continue;
    expect({
      file: row['file_id'],
      size: await world.product.stack.objectSize(String(row['object_key'])),
    }).toEqual({ file: row['file_id'], size: row['size'] });
  }
  expect((await world.keyRow(user.user_id))?.['state']).not.toBe('CREATING');
}

describe('upload', () => {
  it.each([
    ['dynamodb', 'refuse'],
    ['dynamodb', 'hang'],
    ['kms', 'refuse'],
    ['kms', 'hang'],
  ] as const)(
    '%s %s during createFile (first upload) → 503 with Retry-After, then the retry uploads and nothing is half-written',
    async (dependency, mode) => {
      const user = await world.newUser();
      const content = bytesOf(`first upload with ${dependency} ${mode}`);
      expectUnavailable(await whileDown(dependency, mode, () => createFile(user, content)));
      await expectNothingHalfWritten(user);
      expect(await world.fileRows(user.user_id)).not.toContainEqual(
        expect.objectContaining({ status: 'READY' }),
      );
      const fileId = await readyFile(user, content);
      expect((await world.keyRow(user.user_id))?.['state']).toBe('READY');
      expect(await downloadText(user, fileId)).toBe(`first upload with ${dependency} ${mode}`);
      await expectNothingHalfWritten(user);
    },
    30_000,
  );

  it('S3 refuse during the presigned PUT → the PUT fails, and after S3 returns it succeeds and completes', async () => {
    const user = await world.newUser();
    const content = bytesOf('put while S3 is down');
    const created = await createFile(user, content);
    expect(created.status).toBe(201);
    world.proxies.s3.setMode('refuse');
    await expect(putBytes(created, content)).rejects.toThrow();
    world.proxies.s3.setMode('pass');
    const fileId = created.json?.['file_id'] as string;
    // Nothing arrived, so the file cannot complete yet (409) and is not READY.
    expect((await complete(user, fileId)).status).toBe(409);
    await expectNothingHalfWritten(user);
    expect(await putBytes(created, content)).toBe(200);
    expect((await complete(user, fileId)).status).toBe(200);
    expect(await downloadText(user, fileId)).toBe('put while S3 is down');
  }, 30_000);

  it.each([
    ['s3', 'refuse'],
    ['s3', 'hang'],
    ['dynamodb', 'refuse'],
    ['dynamodb', 'hang'],
  ] as const)(
    '%s %s during completeFile → 503 with Retry-After, then the retry completes and nothing is half-written',
    async (dependency, mode) => {
      const user = await world.newUser();
      const text = `complete with ${dependency} ${mode}`;
      const content = bytesOf(text);
      const created = await createFile(user, content);
      expect(created.status).toBe(201);
      expect(await putBytes(created, content)).toBe(200);
      const fileId = created.json?.['file_id'] as string;
      expectUnavailable(await whileDown(dependency, mode, () => complete(user, fileId)));
      await expectNothingHalfWritten(user);
      const retried = await complete(user, fileId);
      expect(retried.status).toBe(200);
      expect(retried.json?.['status']).toBe('READY');
      expect(await downloadText(user, fileId)).toBe(text);
      await expectNothingHalfWritten(user);
    },
    30_000,
  );
});

describe('download', () => {
  it.each([
    ['dynamodb', 'refuse'],
    ['dynamodb', 'hang'],
  ] as const)(
    '%s %s during getDownloadUrl → 503 with Retry-After, then the retry downloads the right bytes',
    async (dependency, mode) => {
      const user = await world.newUser();
      const fileId = await readyFile(user, bytesOf('download me'));
      expectUnavailable(
        await whileDown(dependency, mode, () =>
          world.call(user, 'GET', `${filesPath(user)}/${fileId}/download`),
        ),
      );
      expect(await downloadText(user, fileId)).toBe('download me');
    },
    30_000,
  );
});

describe('share', () => {
  it('DynamoDB down during createShareLink, getPublicShare and downloadPublicShare → 503 each, then each retry succeeds', async () => {
    const user = await world.newUser();
    const fileId = await readyFile(user, bytesOf('shared by link'));
    const linksPath = `${filesPath(user)}/${fileId}/links`;
    expectUnavailable(
      await whileDown('dynamodb', 'refuse', () => world.call(user, 'POST', linksPath, {})),
    );
    expect(await world.shareRows(user.user_id)).toEqual([]);
    const link = await world.call(user, 'POST', linksPath, {});
    expect(link.status).toBe(201);
    const token = link.json?.['token'] as string;
    expectUnavailable(
      await whileDown('dynamodb', 'hang', () =>
        world.call(undefined, 'GET', `/v1/shares/${token}`),
      ),
    );
    expect((await world.call(undefined, 'GET', `/v1/shares/${token}`)).status).toBe(200);
    expectUnavailable(
      await whileDown('dynamodb', 'refuse', () =>
        world.call(undefined, 'POST', `/v1/shares/${token}/download`, {}),
      ),
    );
    const download = await world.call(undefined, 'POST', `/v1/shares/${token}/download`, {});
    expect(download.status).toBe(200);
    const bytes = await fetch(download.json?.['download_url'] as string);
    expect(await bytes.text()).toBe('shared by link');
  }, 30_000);

  it.each(['refuse', 'hang'] as const)(
    'SES %s during shareFileByEmail → 503 with Retry-After, no share claims the unsent e-mail, then the retry sends it',
    async (mode) => {
      const user = await world.newUser();
      const fileId = await readyFile(user, bytesOf('shared by mail'));
      const recipient = `friend-${mode}-${user.user_id}@example.test`;
      const sharePath = `${filesPath(user)}/${fileId}/share`;
      expectUnavailable(
        await whileDown('ses', mode, () =>
          world.call(user, 'POST', sharePath, { share_with: [recipient] }),
        ),
      );
      const claimed = (await world.shareRows(user.user_id)).filter((row) =>
        JSON.stringify(row).includes(recipient),
      );
      const received = (await world.mailRecipients()).filter((to) => to.includes(recipient));
      // SES never saw the message, so no share may stand for it.
      expect({ claimed, received }).toEqual({ claimed: [], received: [] });
      const retried = await world.call(user, 'POST', sharePath, { share_with: [recipient] });
      expect(retried.status).toBe(201);
      expect((await world.mailRecipients()).filter((to) => to.includes(recipient))).not.toEqual([]);
    },
    30_000,
  );
});

describe('key', () => {
  it.each([
    ['kms', 'refuse'],
    ['dynamodb', 'refuse'],
  ] as const)(
    '%s %s during ensureKey → 503 with Retry-After, no key row stuck CREATING, then the retry makes the key',
    async (dependency, mode) => {
      const user = await world.newUser();
      const keyPath = `/v1/users/${user.user_id}/key`;
      expectUnavailable(await whileDown(dependency, mode, () => world.call(user, 'POST', keyPath)));
      expect((await world.keyRow(user.user_id))?.['state']).not.toBe('CREATING');
      const retried = await world.call(user, 'POST', keyPath);
      expect(retried.status).toBe(200);
      expect(retried.json?.['state']).toBe('READY');
    },
    30_000,
  );

  it.each([
    ['kms', 'refuse'],
    ['s3', 'refuse'],
  ] as const)(
    '%s %s during shredKey → 503 with Retry-After, then the retry finishes the shred',
    async (dependency, mode) => {
      const user = await world.newUser();
      const fileId = await readyFile(user, bytesOf('to be shredded'));
      const keyPath = `/v1/users/${user.user_id}/key`;
      expectUnavailable(
        await whileDown(dependency, mode, () => world.call(user, 'DELETE', keyPath)),
      );
      await expectNothingHalfWritten(user);
      const retried = await world.call(user, 'DELETE', keyPath);
      expect(retried.status).toBe(200);
      expect(retried.json?.['state']).toBe('SHREDDED');
      expect(await world.product.stack.objectKeys(`${user.user_id}/`)).toEqual([]);
      const row = (await world.fileRows(user.user_id)).find((r) => r['file_id'] === fileId);
      expect(row?.['status']).not.toBe('READY');
    },
    30_000,
  );
});

describe('auth service', () => {
  it.each(['refuse', 'hang'] as const)(
    'auth %s for an uncached token → 503 with Retry-After, then the retry is answered',
    async (mode) => {
      // A user no service has seen: its token is in no userinfo cache.
      const user = await world.newUser();
      expectUnavailable(
        await whileDown('auth', mode, () => world.call(user, 'GET', filesPath(user))),
      );
      expect((await world.call(user, 'GET', filesPath(user))).status).toBe(200);
    },
    30_000,
  );
});

describe('GET /health?deep=1', () => {
  const checks = (answer: Answer) =>
    Object.fromEntries(
      ((answer.json?.['checks'] as { dependency: string; status: string }[]) ?? []).map((c) => [
        c.dependency,
        c.status,
      ]),
    );

  it.each([
    ['uploads', 's3'],
    ['uploads', 'dynamodb'],
    ['uploads', 'auth'],
    ['sharing', 'ses'],
    ['keys', 'kms'],
  ] as const)(
    '%s with %s down → 503 naming it, 200 once it is back',
    async (service, dependency) => {
      const base = world.product.services.get(service)?.endpoint ?? '';
      const down = await whileDown(dependency, 'refuse', () =>
        world.call(undefined, 'GET', '/health?deep=1', undefined, base),
      );
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(checks(down)[dependency]).toBe('unavailable');
      expect(String(down.json?.['detail'] ?? down.json?.['title'])).toContain(dependency);
      const up = await world.call(undefined, 'GET', '/health?deep=1', undefined, base);
      expect({ status: up.status, checks: checks(up) }).toMatchObject({ status: 200 });
      expect(checks(up)[dependency]).toBe('ok');
    },
    30_000,
  );

  it('the gateway’s /health?deep=1 answers 503 while S3 is down and 200 after', async () => {
    const down = await whileDown('s3', 'refuse', () =>
      world.call(undefined, 'GET', '/health?deep=1'),
    );
    expect(down.status).toBe(503);
    expect((await world.call(undefined, 'GET', '/health?deep=1')).status).toBe(200);
  }, 30_000);
});
