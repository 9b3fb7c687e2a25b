import { CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { isAwsOutage } from '@enclave/errors';
import { startLocalKms, type RunningKms } from './index';

describe('local-kms as a service: call counts, outages, raw protocol', () => {
  let kms: RunningKms;
  let client: KMSClient;

  beforeAll(async () => {
    kms = await startLocalKms();
    // One attempt: each request shows in calls() once, and an outage fails fast.
    client = new KMSClient({
      endpoint: kms.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await kms.stop();
  });

  afterEach(() => kms.up());

  async function post(target: string | undefined, headers: Record<string, string> = {}) {
    const response = await fetch(kms.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        ...(target ? { 'X-Amz-Target': target } : {}),
        ...headers,
      },
      body: '{}',
    });
    return { response, body: (await response.json()) as Record<string, unknown> };
  }

  it('counts requests per operation until reset', async () => {
    kms.resetCalls();
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    await client.send(new DescribeKeyCommand({ KeyId: KeyMetadata?.KeyId }));
    await client.send(new DescribeKeyCommand({ KeyId: KeyMetadata?.KeyId }));
    expect(kms.calls('CreateKey')).toBe(1);
    expect(kms.calls('DescribeKey')).toBe(2);
    expect(kms.calls('Encrypt')).toBe(0);
    expect(kms.callCounts()).toEqual({ CreateKey: 1, DescribeKey: 2 });
    kms.resetCalls();
    expect(kms.callCounts()).toEqual({});
  });

  it.each(['refuse', 'reset'] as const)(
    'fails every request as an outage the adapters recognise while down(%s), until up()',
    async (mode) => {
      kms.down(mode);
      const error: unknown = await client.send(new CreateKeyCommand({})).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeDefined();
      expect(isAwsOutage(error)).toBe(true);
      kms.up();
      const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
      expect(KeyMetadata?.KeyState).toBe('Enabled');
    },
  );

  it("answers a refused request with KMS's own server fault", async () => {
    kms.down();
    await expect(client.send(new CreateKeyCommand({}))).rejects.toMatchObject({
      name: 'KMSInternalException',
      $metadata: { httpStatusCode: 500 },
    });
  });

  it('answers an unknown target with UnsupportedOperationException in KMS error form', async () => {
    const { response, body } = await post('TrentService.Sign', { Authorization: 'AWS4 x' });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnsupportedOperationException');
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(body['__type']).toBe('UnsupportedOperationException');
  });

  it('answers an unsigned request with MissingAuthenticationTokenException', async () => {
    const { response, body } = await post('TrentService.CreateKey');
    expect(response.status).toBe(400);
    expect(body).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
  });
});
