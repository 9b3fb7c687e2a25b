import type { Schemas } from '@enclave/api-contract';
import { randomBytes } from 'node:crypto';
import { type Caller, type KeysStack, startKeysStack } from './testing/keys-stack.fixture';

// Crypto-shredding through the gateway, with uploads and sharing as shipped, against the local
// KMS (whose keys' states the stand-in shows) in per_user mode.
let keys: KeysStack;

beforeAll(async () => {
  keys = await startKeysStack('per_user');
}, 90_000);

afterAll(async () => {
  await keys?.stop();
});

const path = (who: Caller) => ({ params: { path: { user_id: who.user.user_id } } });

const keyStateAtKms = (arn: string) => keys.stack.kms.keys().find((key) => key.Arn === arn);

describe('crypto-shred (DELETE /v1/users/{user_id}/key)', () => {
  it('disables the key, schedules its deletion in 7 days, and removes every file and share', async () => {
    const owner = await keys.newUser();
    const first = await keys.upload(owner, randomBytes(64), 'a.txt');
    const second = await keys.upload(owner, randomBytes(64), 'b.txt');
    const link = await owner.api.POST('/v1/users/{user_id}/files/{file_id}/links', {
      params: { path: { user_id: owner.user.user_id, file_id: first } },
      body: {},
    });
    const token = (link.data as Schemas['ShareLinkResponse']).token;
    const before = (await owner.api.GET('/v1/users/{user_id}/key', path(owner))).data;
    expect(before).toMatchObject({ kms_mode: 'per_user', state: 'READY' });

    const shredAt = Date.now();
    const shred = await owner.api.DELETE('/v1/users/{user_id}/key', path(owner));
    expect(shred.response.status).toBe(200);
    const answer = shred.data as Schemas['ShredResponse'];
    expect(answer).toMatchObject({
      kms_mode: 'per_user',
      state: 'SHREDDED',
      key_id: before?.key_id,
      files_removed: 2,
    });
    const destroyedIn = Date.parse(answer.deletion_date) - shredAt;
    expect(destroyedIn).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(destroyedIn).toBeLessThan(7 * 86_400_000 + 60_000);

    expect(keyStateAtKms(answer.key_id)).toMatchObject({
      KeyState: 'PendingDeletion',
      Enabled: false,
    });
    const listed = await owner.api.GET('/v1/users/{user_id}/files', path(owner));
    expect(listed.data?.user_files).toEqual([]);
    expect(await keys.stack.objectKeys(`${owner.user.user_id}/`)).toEqual([]);
    for (const fileId of [first, second]) {
      const file = await owner.api.GET('/v1/users/{user_id}/files/{file_id}', {
        params: { path: { user_id: owner.user.user_id, file_id: fileId } },
      });
      expect(file.response.status).toBe(404);
    }
    const resolved = await keys.anonymous.GET('/v1/shares/{token}', {
      params: { path: { token } },
    });
    expect(resolved.response.status).toBe(410);
    expect((await owner.api.GET('/v1/users/{user_id}/key', path(owner))).data).toMatchObject({
      state: 'SHREDDED',
      deletion_date: answer.deletion_date,
    });
  });

  it('answers a second shred 200 with nothing more removed, and refuses new uploads clearly', async () => {
    const owner = await keys.newUser();
    await keys.upload(owner, randomBytes(16));
    const first = await owner.api.DELETE('/v1/users/{user_id}/key', path(owner));
    const again = await owner.api.DELETE('/v1/users/{user_id}/key', path(owner));
    expect(again.response.status).toBe(200);
    expect(again.data).toEqual({ ...first.data, files_removed: 0 });

    // Once the uploads service's copy of the key is KEY_CACHE_SECONDS (1 s here) old.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const upload = await owner.api.POST('/v1/users/{user_id}/files', {
      ...path(owner),
      body: { file_name: 'after.txt', size: 3 },
    });
    expect(upload.response.status).toBe(409);
    expect(upload.response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(upload.error)).toMatch(/key/i);
  });

  it('leaves other users and their files alone', async () => {
    const shredder = await keys.newUser();
    const neighbour = await keys.newUser();
    await keys.upload(shredder, randomBytes(16));
    const kept = await keys.upload(neighbour, randomBytes(16));
    expect(
      (await shredder.api.DELETE('/v1/users/{user_id}/key', path(shredder))).response.status,
    ).toBe(200);
    const neighbourKey = (await neighbour.api.GET('/v1/users/{user_id}/key', path(neighbour))).data;
    expect(neighbourKey?.state).toBe('READY');
    expect(keyStateAtKms(neighbourKey?.key_id as string)).toMatchObject({
      KeyState: 'Enabled',
    });
    const file = await neighbour.api.GET('/v1/users/{user_id}/files/{file_id}', {
      params: { path: { user_id: neighbour.user.user_id, file_id: kept } },
    });
    expect(file.data?.status).toBe('READY');
  });

  it("refuses to shred a key that does not exist yet (409), and another user's key (403)", async () => {
    const fresh = await keys.newUser();
    const none = await fresh.api.DELETE('/v1/users/{user_id}/key', path(fresh));
    expect(none.response.status).toBe(409);
    const other = await keys.newUser();
    const foreign = await fresh.api.DELETE('/v1/users/{user_id}/key', path(other));
    expect(foreign.response.status).toBe(403);
  });
});
