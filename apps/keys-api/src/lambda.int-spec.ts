import {
  apiGatewayEvent,
  type LambdaBundle,
  loadLambdaBundle,
  startTestStack,
  type TestStack,
} from '@enclave/testing';

let lambda: LambdaBundle;
let stack: TestStack;
const savedEnv = { ...process.env };

beforeAll(async () => {
  stack = await startTestStack({ kmsMode: 'per_user' });
  // The Lambda runtime hands configuration over as environment variables.
  Object.assign(process.env, stack.envFor('keys'));
  lambda = loadLambdaBundle('apps/keys-api/src/lambda.ts');
}, 60_000);

afterAll(async () => {
  process.env = savedEnv;
  await stack?.stop();
  lambda?.remove();
});

describe('the keys Lambda bundle', () => {
  it('answers an API Gateway v2 health event', async () => {
    const result = await lambda.invoke(apiGatewayEvent('GET', '/health'));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body as string)).toEqual({ status: 'ok', service: 'keys' });
  });

  it('guards the key routes', async () => {
    const anonymous = await lambda.invoke(
      apiGatewayEvent('DELETE', '/v1/users/f3b1c2d4-0000-4000-8000-000000000001/key'),
    );
    expect(anonymous.statusCode).toBe(401);
    expect(String(anonymous.headers?.['content-type'])).toMatch(/^application\/problem\+json/);
  });
});
