import { createEnclaveClient, type Schemas } from '@enclave/api-contract';
import {
  type ServiceProcess,
  signUpUser,
  startObjectEventHandlers,
  startServiceProcess,
  startTestStack,
  stopAll,
  type TestStack,
  type TestUser,
} from '@enclave/testing';

// The shipped bundles (dist/apps/uploads-api: main.js and object-created.js), the handler fed
// the local S3's ObjectCreated events as devstack feeds it: a stray PUT is gone within seconds.
// startServiceProcess already puts a contract check in front of the service.
let stack: TestStack;
let service: ServiceProcess;
let handlers: ReturnType<typeof startObjectEventHandlers>;
let user: TestUser;

beforeAll(async () => {
  stack = await startTestStack();
  service = await startServiceProcess('uploads', stack.env);
  handlers = startObjectEventHandlers('uploads', stack);
  user = await signUpUser(stack);
}, 60_000);

afterAll(async () => {
  // The service's stop throws its contract violations: the stack is stopped even then.
  await stopAll(
    [handlers, service].filter((part) => part !== undefined),
    stack,
  );
});

async function gone(key: string, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if ((await stack.objectSize(key)) === undefined) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

it('removes bytes PUT to a deleted file’s URL within seconds, and keeps a live upload’s', async () => {
  const api = createEnclaveClient({ baseUrl: service.endpoint, token: () => user.idToken });
  const path = { user_id: user.user_id };
  const create = async (name: string) =>
    (
      await api.POST('/v1/users/{user_id}/files', {
        params: { path },
        body: { file_name: name, size: 5 },
      })
    ).data as Schemas['CreateFileResponse'];
  const put = (upload: Schemas['CreateFileResponse']) =>
    fetch(upload.upload_url as string, {
      method: 'PUT',
      headers: upload.upload_headers,
      body: new TextEncoder().encode('bytes'),
    });

  const live = await create('live.txt');
  const deleted = await create('deleted.txt');
  await api.DELETE('/v1/users/{user_id}/files/{file_id}', {
    params: { path: { ...path, file_id: deleted.file_id } },
  });
  expect((await put(deleted)).status).toBe(200);
  expect((await put(live)).status).toBe(200);

  expect(await gone(`${user.user_id}/${deleted.file_id}`, 5000)).toBe(true);
  await handlers.idle();
  expect(await stack.objectSize(`${user.user_id}/${live.file_id}`)).toBe(5);
  const completed = await api.POST('/v1/users/{user_id}/files/{file_id}/complete', {
    params: { path: { ...path, file_id: live.file_id } },
  });
  expect(completed.data?.status).toBe('READY');
});
