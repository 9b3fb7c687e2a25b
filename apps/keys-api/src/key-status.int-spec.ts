import type { Schemas } from '@enclave/api-contract';
import { randomBytes } from 'node:crypto';
import { type Caller, type KeysStack, startKeysStack } from './testing/keys-stack.fixture';

let keys: KeysStack;

beforeAll(async () => {
  keys = await startKeysStack('per_user');
}, 90_000);

afterAll(async () => {
  await keys?.stop();
});

const path = (who: Caller) => ({ params: { path: { user_id: who.user.user_id } } });

describe('the key of a user (per_user mode)', () => {
  it('is NONE before the first upload, then the key that upload was signed with', async () => {
    const owner = await keys.newUser();
    expect((await owner.api.GET('/v1/users/{user_id}/key', path(owner))).data).toEqual({
      kms_mode: 'per_user',
      state: 'NONE',
    });
    const created = await owner.api.POST('/v1/users/{user_id}/files', {
      ...path(owner),
      body: { file_name: 'a.txt', size: 4 },
    });
    const signedKey = created.data?.upload_headers['x-amz-server-side-encryption-aws-kms-key-id'];
    const status = (await owner.api.GET('/v1/users/{user_id}/key', path(owner))).data;
    expect(status).toMatchObject({ kms_mode: 'per_user', state: 'READY', key_id: signedKey });
    expect(Date.parse(status?.created_at ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('is made once however often it is ensured: one CreateKey, one alias at the KMS', async () => {
    const owner = await keys.newUser();
    const before = keys.stack.kms.callCounts();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => owner.api.POST('/v1/users/{user_id}/key', path(owner))),
    );
    expect(answers.map((answer) => answer.response.status)).toEqual(Array(10).fill(200));
    const ids = new Set(answers.map((answer) => (answer.data as Schemas['KeyStatus']).key_id));
    expect(ids.size).toBe(1);
    const after = keys.stack.kms.callCounts();
    expect((after['CreateKey'] ?? 0) - (before['CreateKey'] ?? 0)).toBe(1);
    expect((after['CreateAlias'] ?? 0) - (before['CreateAlias'] ?? 0)).toBe(1);
  });

  it('answers 503 with a problem body while KMS is down, and makes the key once it is back', async () => {
    const owner = await keys.newUser();
    keys.stack.kms.down();
    try {
      const down = await owner.api.POST('/v1/users/{user_id}/key', path(owner));
      expect(down.response.status).toBe(503);
      expect(down.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(down.response.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(JSON.stringify(down.error)).toMatch(/KMS/);
    } finally {
      keys.stack.kms.up();
    }
    const back = await owner.api.POST('/v1/users/{user_id}/key', path(owner));
    expect(back.response.status).toBe(200);
    expect(back.data?.state).toBe('READY');
    await keys.upload(owner, randomBytes(8));
  });

  it("never shows a user another's key", async () => {
    const [ada, bob] = await Promise.all([keys.newUser(), keys.newUser()]);
    const [adaKey, bobKey] = await Promise.all(
      [ada, bob].map(
        async (who) => (await who.api.POST('/v1/users/{user_id}/key', path(who))).data,
      ),
    );
    expect(adaKey?.key_id).toBeTruthy();
    expect(adaKey?.key_id).not.toBe(bobKey?.key_id);
    const foreign = await ada.api.GET('/v1/users/{user_id}/key', path(bob));
    expect(foreign.response.status).toBe(403);
  });
});
