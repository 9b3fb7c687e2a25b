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
  stack = await startTestStack();
  // The Lambda runtime hands configuration over as environment variables.
  Object.assign(process.env, stack.envFor('sharing'));
  lambda = loadLambdaBundle('apps/sharing-api/src/lambda.ts');
}, 60_000);

afterAll(async () => {
  process.env = savedEnv;
  await stack?.stop();
  lambda?.remove();
});

describe('the sharing Lambda bundle', () => {
  it('answers an API Gateway v2 health event', async () => {
    const result = await lambda.invoke(apiGatewayEvent('GET', '/health'));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body as string)).toEqual({ status: 'ok', service: 'sharing' });
  });

  it('resolves public share links without a token, as problems when there is no share', async () => {
    const unknown = await lambda.invoke(apiGatewayEvent('GET', `/v1/shares/${'A'.repeat(43)}`));
    expect(unknown.statusCode).toBe(404);
    expect(String(unknown.headers?.['content-type'])).toMatch(/^application\/problem\+json/);
    const malformed = await lambda.invoke(apiGatewayEvent('GET', '/v1/shares/short'));
    expect(malformed.statusCode).toBe(400);
  });

  it('guards the owner routes', async () => {
    const anonymous = await lambda.invoke(
      apiGatewayEvent('GET', '/v1/users/f3b1c2d4-0000-4000-8000-000000000001/shares'),
    );
    expect(anonymous.statusCode).toBe(401);
  });
});
