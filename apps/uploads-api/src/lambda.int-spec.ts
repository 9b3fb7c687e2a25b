import type { Schemas } from '@enclave/api-contract';
import {
  apiGatewayEvent,
  type LambdaBundle,
  loadLambdaBundle,
  signUpUser,
  startTestStack,
  type TestStack,
  type TestUser,
} from '@enclave/testing';

let lambda: LambdaBundle;
let stack: TestStack;
let user: TestUser;
const savedEnv = { ...process.env };

const event = apiGatewayEvent;
const invoke: LambdaBundle['invoke'] = (e) => lambda.invoke(e);

beforeAll(async () => {
  stack = await startTestStack();
  user = await signUpUser(stack);
  // The Lambda runtime hands configuration over as environment variables.
  Object.assign(process.env, stack.env);
  lambda = loadLambdaBundle('apps/uploads-api/src/lambda.ts');
}, 60_000);

afterAll(async () => {
  process.env = savedEnv;
  await stack?.stop();
  lambda?.remove();
});

describe('the uploads Lambda bundle', () => {
  it('answers an API Gateway v2 health event', async () => {
    const result = await invoke(event('GET', '/health'));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body as string)).toEqual({ status: 'ok', service: 'uploads' });
  });

  it('runs the guard, validation and service through injected collaborators', async () => {
    const created = await invoke(
      event('POST', `/v1/users/${user.user_id}/files`, {
        token: user.idToken,
        body: { file_name: 'from-lambda.txt', size: 5, content_type: 'text/plain' },
      }),
    );
    expect(created.statusCode).toBe(201);
    const body = JSON.parse(created.body as string) as Schemas['CreateFileResponse'];
    expect(body).toMatchObject({ file_name: 'from-lambda.txt', status: 'UPLOADING' });
    expect(body.upload_url).toContain(`/${user.user_id}/${body.file_id}?`);

    const listed = await invoke(
      event('GET', `/v1/users/${user.user_id}/files`, { token: user.idToken, query: 'limit=10' }),
    );
    expect(listed.statusCode).toBe(200);
    expect(
      (JSON.parse(listed.body as string) as Schemas['FileList']).user_files.map((f) => f.file_id),
    ).toContain(body.file_id);
  });

  it('answers problems as application/problem+json', async () => {
    const anonymous = await invoke(event('GET', `/v1/users/${user.user_id}/files`));
    expect(anonymous.statusCode).toBe(401);
    expect(String(anonymous.headers?.['content-type'])).toMatch(/^application\/problem\+json/);
    const invalid = await invoke(
      event('POST', `/v1/users/${user.user_id}/files`, {
        token: user.idToken,
        body: { file_name: '', size: -1 },
      }),
    );
    expect(invalid.statusCode).toBe(400);
    expect(JSON.parse(invalid.body as string).errors).toHaveLength(2);
  });
});
