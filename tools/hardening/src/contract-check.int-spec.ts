import { listenOnLoopback, type RunningService, runningServer } from '@enclave/local-stack';
import {
  ContractChecker,
  type ContractProxy,
  describeViolations,
  type ObservedExchange,
  startContractProxy,
  startServiceProcess,
  startTestStack,
} from '@enclave/testing';
import { createServer } from 'node:http';

// The independent check of every answer the integration suites receive (issue 12, part 8):
// first the checker on its own, then the proxy that puts it in front of each service process.

const checker = new ContractChecker();
const user = 'user-1';
const fileId = '01890a5d-ac96-7ab2-80e2-4536629c90de';
const problem = (status: number) => ({
  type: 'urn:enclave:problem:test',
  title: 'Test',
  status,
  detail: 'A test problem.',
});

function exchange(
  method: string,
  url: string,
  status: number,
  body: unknown,
  contentType = status < 400 ? 'application/json; charset=utf-8' : 'application/problem+json',
): ObservedExchange {
  return { method, url, status, contentType, body: Buffer.from(JSON.stringify(body)) };
}

describe('the contract checker', () => {
  it('lets a declared status with a body of its schema pass', () => {
    const created = {
      file_id: fileId,
      file_name: 'notes.txt',
      content_type: 'text/plain',
      size: 3,
      status: 'UPLOADING',
      upload_url: 'http://127.0.0.1:1/bucket/key',
      upload_method: 'PUT',
      upload_headers: { 'content-type': 'text/plain' },
      expires_at: '2030-01-01T00:00:00.000Z',
    };
    expect(checker.check(exchange('POST', `/v1/users/${user}/files`, 201, created))).toBe(
      undefined,
    );
    expect(
      checker.check(exchange('GET', '/health?deep=1', 200, { status: 'ok', service: 'x' })),
    ).toBe(undefined);
  });

  it('names a declared status whose body breaks its schema', () => {
    const violation = checker.check(exchange('GET', '/health', 200, { status: 'up' }));
    expect(violation).toEqual({
      operation: 'getHealth',
      method: 'GET',
      path: '/health',
      status: 200,
      problems: expect.arrayContaining([
        "body must have required property 'service'",
        'body.status must be equal to one of the allowed values',
      ]),
    });
  });

  it('refuses a status the operation does not declare', () => {
    const violation = checker.check(exchange('GET', `/v1/users/${user}/files`, 418, problem(418)));
    expect(violation?.operation).toBe('listFiles');
    expect(violation?.problems).toEqual([
      expect.stringMatching(/^status 418 is not declared \(declared: 200, 400, .*default/),
    ]);
  });

  it('holds `default` to 5xx: a 4xx must be declared, a 500 problem passes', () => {
    const list = `/v1/users/${user}/files`;
    expect(checker.check(exchange('GET', list, 409, problem(409)))?.problems).toEqual([
      expect.stringContaining('status 409 is not declared'),
    ]);
    expect(checker.check(exchange('GET', list, 500, problem(500)))).toBe(undefined);
  });

  it('refuses a problem body without `status`', () => {
    const { status: _status, ...withoutStatus } = problem(400);
    const violation = checker.check(
      exchange('POST', `/v1/users/${user}/files`, 400, withoutStatus),
    );
    expect(violation?.problems).toEqual(["body must have required property 'status'"]);
  });

  it('refuses a problem whose `status` is not the HTTP status', () => {
    const violation = checker.check(
      exchange('GET', `/v1/users/${user}/files/${fileId}`, 404, problem(400)),
    );
    expect(violation?.problems).toEqual(["the problem's status 400 is not the HTTP status 404"]);
  });

  it('refuses a Content-Type the status does not declare, or none', () => {
    const url = `/v1/users/${user}/files`;
    expect(
      checker.check(exchange('POST', url, 400, problem(400), 'application/json'))?.problems,
    ).toEqual([
      'Content-Type application/json is not declared for 400 (declared: application/problem+json)',
    ]);
    const untyped = { ...exchange('GET', '/health', 200, {}), contentType: undefined };
    expect(checker.check(untyped)?.problems).toEqual([
      'no Content-Type (declared for 200: application/json)',
    ]);
    const html = { ...exchange('GET', '/health', 200, {}), body: Buffer.from('<html>') };
    expect(checker.check({ ...html, contentType: 'text/html' })?.problems).toEqual([
      'Content-Type text/html is not declared for 200 (declared: application/json)',
    ]);
  });

  it('refuses a JSON Content-Type over a body that is not JSON', () => {
    const broken = { ...exchange('GET', '/health', 200, {}), body: Buffer.from('{"status":') };
    expect(checker.check(broken)?.problems).toEqual([
      'the application/json body is not JSON (10 bytes)',
    ]);
  });

  it('lets only a 404 problem answer a path outside the contract', () => {
    expect(checker.check(exchange('GET', '/v1/nothing', 404, problem(404)))).toBe(undefined);
    expect(checker.check(exchange('GET', '/v1/nothing', 200, {}))).toEqual({
      operation: undefined,
      method: 'GET',
      path: '/v1/nothing',
      status: 200,
      problems: [
        'openapi.yaml has no operation for this path, so only 404 (a problem) may answer it',
      ],
    });
    // A known path with a method it lacks may also say 405; a preflight is the services' CORS.
    expect(checker.check(exchange('PUT', '/health', 405, problem(405)))).toBe(undefined);
    expect(checker.check(exchange('OPTIONS', '/health', 204, ''))).toBe(undefined);
  });

  it('never reports a share token, only its parameter name', () => {
    const token = 'A'.repeat(43);
    const violation = checker.check(exchange('GET', `/v1/shares/${token}`, 418, problem(418)));
    expect(violation?.path).toBe('/v1/shares/{token}');
  });

  it('describes violations once per kind, with how often each came', () => {
    const violation = checker.check(exchange('GET', '/health', 418, problem(418)));
    if (!violation) throw new Error('expected a violation');
    const description = describeViolations([violation, violation], 'uploads-api');
    expect(description).toMatch(/^uploads-api answered 2 time\(s\) outside openapi.yaml:\n/);
    expect(description).toContain(
      '- getHealth: GET /health → 418 (×2): status 418 is not declared',
    );
  });
});

describe('the contract proxy', () => {
  let upstream: RunningService;
  let proxy: ContractProxy;
  // What the stand-in service answers: the test path → status, headers, raw body.
  const answers = new Map<
    string,
    { status: number; headers: Record<string, string>; body: string }
  >([
    [
      '/health',
      { status: 200, headers: { 'x-request-id': 'r-1' }, body: '{"status":"ok","service":"s"}' },
    ],
    ['/teapot', { status: 418, headers: {}, body: '{}' }],
    [`/v1/users/${user}/files`, { status: 400, headers: {}, body: JSON.stringify({ title: 'x' }) }],
  ]);

  beforeAll(async () => {
    const server = createServer((req, res) => {
      const answer = answers.get(req.url ?? '') ?? answers.get('/teapot');
      if (!answer) throw new Error('unreachable');
      const type = answer.status < 400 ? 'application/json' : 'application/problem+json';
      res.writeHead(answer.status, { 'content-type': type, ...answer.headers });
      res.end(answer.body);
    });
    await listenOnLoopback(server);
    upstream = runningServer(server);
    proxy = await startContractProxy(upstream.endpoint, checker);
  });

  afterAll(async () => {
    await proxy?.stop();
    await upstream?.stop();
  });

  it('relays each answer unchanged and records only those outside the contract', async () => {
    const healthy = await fetch(`${proxy.endpoint}/health`);
    expect(healthy.status).toBe(200);
    expect(healthy.headers.get('x-request-id')).toBe('r-1');
    expect(healthy.headers.get('content-type')).toBe('application/json');
    expect(await healthy.text()).toBe('{"status":"ok","service":"s"}');
    expect(proxy.violations()).toEqual([]);

    const teapot = await fetch(`${proxy.endpoint}/teapot`);
    expect([teapot.status, await teapot.text()]).toEqual([418, '{}']);
    const bad = await fetch(`${proxy.endpoint}/v1/users/${user}/files`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect([bad.status, await bad.text()]).toEqual([400, '{"title":"x"}']);

    expect(proxy.violations().map((v) => [v.operation, v.status])).toEqual([
      [undefined, 418],
      ['createFile', 400],
    ]);
    expect(proxy.violations()[1]?.problems).toEqual(
      expect.arrayContaining(["body must have required property 'status'"]),
    );
  });
});

describe('a service process behind the proxy', () => {
  it('answers through the proxy, within the contract, and stops cleanly', async () => {
    const stack = await startTestStack();
    try {
      const service = await startServiceProcess('uploads', stack.env);
      const health = await fetch(`${service.endpoint}/health`);
      const anonymous = await fetch(`${service.endpoint}/v1/users/${user}/files`);
      const unknown = await fetch(`${service.endpoint}/v1/nothing`);
      expect([health.status, anonymous.status, unknown.status]).toEqual([200, 401, 404]);
      expect(service.contractViolations()).toEqual([]);
      await service.stop();
    } finally {
      await stack.stop();
    }
  }, 120_000);
});
