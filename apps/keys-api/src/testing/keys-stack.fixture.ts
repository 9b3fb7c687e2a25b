import type { INestApplication } from '@nestjs/common';
import {
  contractOperations,
  createEnclaveClient,
  type EnclaveClient,
  type Schemas,
} from '@enclave/api-contract';
import { routeTable, type RunningService, startGateway } from '@enclave/local-stack';
import { createServiceApp } from '@enclave/service-kit';
import {
  type ServiceProcess,
  signUpUser,
  startCheckedEndpoint,
  startServiceProcess,
  startTestStack,
  stopAll,
  type TestStack,
  type TestUser,
} from '@enclave/testing';
import { keysService } from '../keys.service';

export interface Caller {
  user: TestUser;
  api: EnclaveClient;
}

export interface KeysStack {
  stack: TestStack;
  gateway: RunningService;
  keys: INestApplication;
  uploads: ServiceProcess;
  sharing: ServiceProcess;
  anonymous: EnclaveClient;
  newUser(): Promise<Caller>;
  /** Uploads `bytes` as `who` (single PUT, with the headers it was signed with); the file id. */
  upload(who: Caller, bytes: Uint8Array<ArrayBuffer>, fileName?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * keys-api in-process, uploads-api's and sharing-api's bundles, over a fresh local stack (with the
 * local KMS) in `kmsMode`, behind the local gateway.
 */
export async function startKeysStack(
  kmsMode: 's3' | 'shared' | 'per_user' = 'per_user',
): Promise<KeysStack> {
  const stack = await startTestStack({ kmsMode });
  const [uploads, sharing] = await Promise.all([
    // Its remembered keys are read again after a second, so a shred here reaches it quickly.
    startServiceProcess('uploads', { ...stack.env, KEY_CACHE_SECONDS: '1' }),
    startServiceProcess('sharing', stack.env),
  ]);
  const keys = await createServiceApp(keysService, keysService.loadConfig(stack.envFor('keys')));
  await keys.listen(0, '127.0.0.1');
  const checkedKeys = await startCheckedEndpoint(
    (await keys.getUrl()).replace('[::1]', '127.0.0.1'),
    'keys-api',
  );
  const gateway = await startGateway({
    routes: routeTable(contractOperations()),
    upstreams: new Map([
      ['uploads', uploads.endpoint],
      ['sharing', sharing.endpoint],
      ['keys', checkedKeys.endpoint],
    ]),
  });
  return {
    stack,
    gateway,
    keys,
    uploads,
    sharing,
    anonymous: createEnclaveClient({ baseUrl: gateway.endpoint }),
    async newUser() {
      const user = await signUpUser(stack);
      return {
        user,
        api: createEnclaveClient({ baseUrl: gateway.endpoint, token: () => user.idToken }),
      };
    },
    async upload(who, bytes, fileName = 'notes.txt') {
      const path = { user_id: who.user.user_id };
      const { data, response } = await who.api.POST('/v1/users/{user_id}/files', {
        params: { path },
        body: { file_name: fileName, size: bytes.byteLength, content_type: 'text/plain' },
      });
      if (response.status !== 201) throw new Error(`create answered ${response.status}`);
      const created = data as Schemas['CreateFileResponse'];
      const put = await fetch(created.upload_url as string, {
        method: 'PUT',
        headers: created.upload_headers,
        body: bytes,
      });
      if (put.status !== 200) throw new Error(`upload PUT answered ${put.status}`);
      const done = await who.api.POST('/v1/users/{user_id}/files/{file_id}/complete', {
        params: { path: { ...path, file_id: created.file_id } },
        body: {},
      });
      if (done.response.status !== 200)
        throw new Error(`complete answered ${done.response.status}`);
      return created.file_id;
    },
    async stop() {
      await gateway.stop();
      await stopAll([uploads, sharing, checkedKeys, keys], stack);
    },
  };
}
