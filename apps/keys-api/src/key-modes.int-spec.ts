import type { INestApplication } from '@nestjs/common';
import { createEnclaveClient, type EnclaveClient } from '@enclave/api-contract';
import { createServiceApp } from '@enclave/service-kit';
import { signUpUser, startTestStack, type TestStack, type TestUser } from '@enclave/testing';
import { keysService } from './keys.service';

// The modes that give no user a key of their own: status says how files are encrypted, and
// the write operations explain why they do not apply.
let stack: TestStack;
let user: TestUser;
const apps: INestApplication[] = [];

async function keysIn(mode: 's3' | 'shared'): Promise<EnclaveClient> {
  const env = {
    ...stack.envFor('keys'),
    KMS_MODE: mode,
    KMS_SHARED_KEY_ID: 'alias/enclave/test/shared',
  };
  const app = await createServiceApp(keysService, keysService.loadConfig(env));
  apps.push(app);
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return createEnclaveClient({ baseUrl, token: () => user.idToken });
}

beforeAll(async () => {
  stack = await startTestStack();
  user = await signUpUser(stack);
}, 60_000);

afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()));
  await stack?.stop();
});

const path = () => ({ params: { path: { user_id: user.user_id } } });

describe.each([
  ['s3', { kms_mode: 's3', state: 'NONE' }, /SSE-S3/],
  [
    'shared',
    { kms_mode: 'shared', state: 'READY', key_id: 'alias/enclave/test/shared' },
    /shared KMS key/,
  ],
] as const)('in %s mode', (mode, status, explanation) => {
  let api: EnclaveClient;
  beforeAll(async () => {
    api = await keysIn(mode);
  });

  it('says how files are encrypted', async () => {
    expect((await api.GET('/v1/users/{user_id}/key', path())).data).toEqual(status);
  });

  it('answers ensure and shred 409, explaining that only per_user mode has keys to make or shred', async () => {
    for (const call of [
      api.POST('/v1/users/{user_id}/key', path()),
      api.DELETE('/v1/users/{user_id}/key', path()),
    ]) {
      const { response, error } = await call;
      expect(response.status).toBe(409);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(error)).toMatch(explanation);
      expect(JSON.stringify(error)).toMatch(/KMS_MODE=per_user/);
    }
    expect(stack.kms.calls('CreateKey')).toBe(0);
  });
});
