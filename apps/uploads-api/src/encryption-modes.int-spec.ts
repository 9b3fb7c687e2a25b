import { createEnclaveClient, type EnclaveClient, type Schemas } from '@enclave/api-contract';
import { ensureAliasedKey } from '@enclave/local-kms';
import {
  putKeyRow,
  signUpUser,
  startTestStack,
  stopAll,
  type TestStack,
  type TestUser,
} from '@enclave/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  type CheckedUploadsApp,
  startCheckedUploadsApp,
} from './testing/checked-uploads-app.fixture';
import { uploadsService } from './uploads.service';

// Each KMS_MODE signs its encryption into every upload, against the local S3 (which checks the
// signed headers), dynalite and the local KMS (which counts the calls it answers); every answer
// held to openapi.yaml.
let stack: TestStack;
const apps: CheckedUploadsApp[] = [];
const urls: Partial<Record<'s3' | 'shared' | 'per_user', string>> = {};
let sharedKeyArn: string;

async function uploadsIn(mode: 's3' | 'shared' | 'per_user', env: Record<string, string> = {}) {
  const app = await startCheckedUploadsApp({ ...stack.envFor('uploads'), KMS_MODE: mode, ...env });
  apps.push(app);
  urls[mode] = app.baseUrl;
}

const clientFor = (mode: 's3' | 'shared' | 'per_user', user: TestUser): EnclaveClient =>
  createEnclaveClient({ baseUrl: urls[mode] as string, token: () => user.idToken });

beforeAll(async () => {
  stack = await startTestStack({ kmsMode: 'per_user' });
  sharedKeyArn = await ensureAliasedKey(stack.kms.endpoint, 'alias/enclave/test/shared');
  await uploadsIn('s3');
  await uploadsIn('shared', { KMS_SHARED_KEY_ID: sharedKeyArn });
  await uploadsIn('per_user');
}, 60_000);

afterAll(async () => {
  // Throws every app's contract violations, once the stack is stopped too.
  await stopAll(apps, stack);
});

async function create(api: EnclaveClient, user: TestUser, size = 16, name = 'f.bin') {
  const created = await api.POST('/v1/users/{user_id}/files', {
    params: { path: { user_id: user.user_id } },
    body: { file_name: name, size },
  });
  return created;
}

/** PUTs `size` random bytes with `headers` (the signed ones unless a test changes them). */
async function put(upload: Schemas['CreateFileResponse'], headers = upload.upload_headers) {
  const body = randomBytes(16);
  const response = await fetch(upload.upload_url as string, { method: 'PUT', headers, body });
  await response.arrayBuffer();
  return response.status;
}

async function completeAndGet(api: EnclaveClient, user: TestUser, fileId: string) {
  const params = { params: { path: { user_id: user.user_id, file_id: fileId } } };
  await api.POST('/v1/users/{user_id}/files/{file_id}/complete', { ...params, body: {} });
  return (await api.GET('/v1/users/{user_id}/files/{file_id}', params)).data;
}

const signedKey = (upload?: Schemas['CreateFileResponse']) =>
  upload?.upload_headers['x-amz-server-side-encryption-aws-kms-key-id'];

/** The ARN of the key the local KMS holds under the user's alias. */
const aliasedKey = (userId: string) =>
  stack.kms
    .keys()
    .find((key) =>
      key.Aliases.some((alias) => alias.endsWith(`:alias/enclave/test/user/${userId}`)),
    )?.Arn;

const createCount = () => stack.kms.calls('CreateKey');
const aliasCount = () => stack.kms.calls('CreateAlias');

describe('s3 mode', () => {
  it('signs SSE-S3 into the upload and records the mode on the file', async () => {
    const user = await signUpUser(stack);
    const api = clientFor('s3', user);
    const { data } = await create(api, user);
    const upload = data as Schemas['CreateFileResponse'];
    expect(upload.upload_headers).toMatchObject({ 'x-amz-server-side-encryption': 'AES256' });
    expect(signedKey(upload)).toBeUndefined();
    const { 'x-amz-server-side-encryption': _, ...unencrypted } = upload.upload_headers;
    expect(await put(upload, unencrypted)).toBe(403);
    expect(await put(upload)).toBe(200);
    expect((await completeAndGet(api, user, upload.file_id))?.encryption).toEqual({
      kms_mode: 's3',
    });
  });
});

describe('shared mode', () => {
  it("signs the one shared key into every user's uploads", async () => {
    const [ada, bob] = await Promise.all([signUpUser(stack), signUpUser(stack)]);
    const before = createCount();
    for (const user of [ada, bob]) {
      const api = clientFor('shared', user);
      const upload = (await create(api, user)).data as Schemas['CreateFileResponse'];
      expect(upload.upload_headers).toMatchObject({
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id': sharedKeyArn,
      });
      expect(await put(upload)).toBe(200);
      expect((await completeAndGet(api, user, upload.file_id))?.encryption).toEqual({
        kms_mode: 'shared',
        key_id: sharedKeyArn,
      });
    }
    expect(createCount()).toBe(before);
  });

  it('will not start without the shared key named', () => {
    expect(() =>
      uploadsService.loadConfig({ ...stack.envFor('uploads'), KMS_MODE: 'shared' }),
    ).toThrow(/KMS_SHARED_KEY_ID/);
  });
});

describe('per_user mode', () => {
  it('50 concurrent first uploads of a new user make exactly one key and one alias', async () => {
    const user = await signUpUser(stack);
    const api = clientFor('per_user', user);
    const [creates, aliases] = [createCount(), aliasCount()];
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => create(api, user, 16, `first-${i}.bin`)),
    );
    expect(answers.map((answer) => answer.response.status)).toEqual(Array(50).fill(201));
    const keyIds = new Set(answers.map((answer) => signedKey(answer.data)));
    expect(keyIds.size).toBe(1);
    expect(createCount() - creates).toBe(1);
    expect(aliasCount() - aliases).toBe(1);
    const aliased = aliasedKey(user.user_id);
    expect([...keyIds]).toEqual([aliased]);
    expect(aliased).toMatch(/^arn:aws:kms:/);
    const upload = answers[0]?.data as Schemas['CreateFileResponse'];
    expect(await put(upload)).toBe(200);
    expect((await completeAndGet(api, user, upload.file_id))?.encryption).toEqual({
      kms_mode: 'per_user',
      key_id: aliased,
    });
  });

  it("signs each uploader's own key, never another's; a PUT naming another key is refused", async () => {
    const [ada, bob] = await Promise.all([signUpUser(stack), signUpUser(stack)]);
    const adas = (await create(clientFor('per_user', ada), ada)).data;
    const bobs = (await create(clientFor('per_user', bob), bob)).data;
    expect(signedKey(adas)).toBeTruthy();
    expect(signedKey(adas)).not.toBe(signedKey(bobs));
    const withBobsKey = {
      ...adas?.upload_headers,
      'x-amz-server-side-encryption-aws-kms-key-id': signedKey(bobs) as string,
    };
    expect(await put(adas as Schemas['CreateFileResponse'], withBobsKey)).toBe(403);
  });

  it('encrypts a multipart upload with the key too (set when the upload is created)', async () => {
    const user = await signUpUser(stack);
    const api = clientFor('per_user', user);
    const { data, response } = await create(api, user, 200 * 1024 ** 2, 'big.iso');
    expect(response.status).toBe(201);
    expect(data?.multipart).toBeDefined();
    const row = await api.GET('/v1/users/{user_id}/files/{file_id}', {
      params: { path: { user_id: user.user_id, file_id: data?.file_id as string } },
    });
    expect(row.data?.encryption).toMatchObject({ kms_mode: 'per_user' });
    expect(row.data?.encryption?.key_id).toMatch(/^arn:aws:kms:/);
  });

  describe('a creator that crashed', () => {
    const crashedLease = (userId: string) =>
      putKeyRow(stack, {
        user_id: userId,
        state: 'CREATING',
        lease_id: randomUUID(),
        lease_until: Date.now() - 1000,
      });

    it('after CreateKey, before READY: the next upload adopts its key through the alias', async () => {
      const user = await signUpUser(stack);
      const made = await ensureAliasedKey(
        stack.kms.endpoint,
        `alias/enclave/test/user/${user.user_id}`,
        'made before a crash',
      );
      await crashedLease(user.user_id);
      const creates = createCount();
      const { data, response } = await create(clientFor('per_user', user), user);
      expect(response.status).toBe(201);
      expect(signedKey(data)).toBe(made);
      expect(createCount()).toBe(creates);
    });

    it('before CreateKey: the next upload makes the one key', async () => {
      const user = await signUpUser(stack);
      await crashedLease(user.user_id);
      const creates = createCount();
      const { data, response } = await create(clientFor('per_user', user), user);
      expect(response.status).toBe(201);
      expect(createCount() - creates).toBe(1);
      expect(signedKey(data)).toBe(aliasedKey(user.user_id));
    });
  });

  it('answers 503 with a problem body while KMS is down, leaving no file behind; works once it is back', async () => {
    const user = await signUpUser(stack);
    const api = clientFor('per_user', user);
    stack.kms.down();
    try {
      const { response, error } = await create(api, user);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(error)).toMatch(/KMS/);
    } finally {
      stack.kms.up();
    }
    const listed = await api.GET('/v1/users/{user_id}/files', {
      params: { path: { user_id: user.user_id } },
    });
    expect(listed.data?.user_files).toEqual([]);
    const { response } = await create(api, user);
    expect(response.status).toBe(201);
  });
});
