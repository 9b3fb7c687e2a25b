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
import { defineSharingService } from '../sharing.service';

export interface SharingStack {
  stack: TestStack;
  /** The local API gateway in front of both services: one base URL, as clients see it. */
  gateway: RunningService;
  /** uploads-api's built bundle, as shipped. */
  uploads: ServiceProcess;
  sharing: INestApplication;
  /** What the sharing service believes the time is; tests move it forward. */
  clock: { now: Date; advance(seconds: number): void };
  /** A client without a token: what anyone holding a link can call. */
  anonymous: EnclaveClient;
  /** A new signed-up user with a client of their own. */
  newUser(): Promise<{ user: TestUser; api: EnclaveClient }>;
  /** Uploads `bytes` as `user` (single PUT) and answers the READY file's id. */
  upload(
    who: { user: TestUser; api: EnclaveClient },
    bytes: Uint8Array<ArrayBuffer>,
    fileName?: string,
    contentType?: string,
  ): Promise<string>;
  stop(): Promise<void>;
}

/**
 * sharing-api in-process (on a clock the test moves) and uploads-api's bundle, over a fresh local
 * stack, behind the local gateway. `settings` override sharing's environment.
 */
export async function startSharingStack(
  settings: Record<string, string> = {},
): Promise<SharingStack> {
  const stack = await startTestStack();
  // Real time, plus however far the test moved it.
  let offsetMs = 0;
  const clock = {
    get now() {
      return new Date(Date.now() + offsetMs);
    },
    advance(seconds: number) {
      offsetMs += seconds * 1000;
    },
  };
  const sharingDefinition = defineSharingService(() => clock.now);
  const uploads = await startServiceProcess('uploads', stack.env);
  const sharing = await createServiceApp(
    sharingDefinition,
    sharingDefinition.loadConfig({ ...stack.envFor('sharing'), ...settings }),
  );
  await sharing.listen(0, '127.0.0.1');
  const urlOf = async (app: INestApplication) => (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const checkedSharing = await startCheckedEndpoint(await urlOf(sharing), 'sharing-api');
  const gateway = await startGateway({
    routes: routeTable(contractOperations()),
    upstreams: new Map([
      ['uploads', uploads.endpoint],
      ['sharing', checkedSharing.endpoint],
    ]),
  });
  const anonymous = createEnclaveClient({ baseUrl: gateway.endpoint });
  return {
    stack,
    gateway,
    uploads,
    sharing,
    clock,
    anonymous,
    async newUser() {
      const user = await signUpUser(stack);
      return {
        user,
        api: createEnclaveClient({ baseUrl: gateway.endpoint, token: () => user.idToken }),
      };
    },
    async upload(who, bytes, fileName = 'report.pdf', contentType = 'application/pdf') {
      const path = { user_id: who.user.user_id };
      const { data: created } = await who.api.POST('/v1/users/{user_id}/files', {
        params: { path },
        body: { file_name: fileName, size: bytes.byteLength, content_type: contentType },
      });
      const upload = created as Schemas['CreateFileResponse'];
      const put = await fetch(upload.upload_url as string, {
        method: 'PUT',
        headers: upload.upload_headers,
        body: bytes,
      });
      if (put.status !== 200) throw new Error(`upload PUT answered ${put.status}`);
      const { response } = await who.api.POST('/v1/users/{user_id}/files/{file_id}/complete', {
        params: { path: { ...path, file_id: upload.file_id } },
        body: {},
      });
      if (response.status !== 200) throw new Error(`complete answered ${response.status}`);
      return upload.file_id;
    },
    async stop() {
      await gateway.stop();
      await stopAll([uploads, checkedSharing, sharing], stack);
    },
  };
}
