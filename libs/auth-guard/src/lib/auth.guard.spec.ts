import { inspect } from 'node:util';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { fakeIdToken } from '../testing/fake-id-token';
import { FakeUserinfoServer } from '../testing/fake-userinfo-server';
import type { AuthGuardOptions } from './auth-guard.options';
import { startGuardedApp } from './guarded-app.fakes';

/** Everything the app logs, through Nest's logger and around it. */
const logged: string[] = [];
const captureLogger: LoggerService = {
  log: (...args: unknown[]) => logged.push(inspect(args, { depth: 8 })),
  error: (...args: unknown[]) => logged.push(inspect(args, { depth: 8 })),
  warn: (...args: unknown[]) => logged.push(inspect(args, { depth: 8 })),
  debug: (...args: unknown[]) => logged.push(inspect(args, { depth: 8 })),
  verbose: (...args: unknown[]) => logged.push(inspect(args, { depth: 8 })),
  fatal: (...args: unknown[]) => logged.push(inspect(args, { depth: 8 })),
};

/** Tokens handed out in this file; none may ever appear in a log. */
const issued: string[] = [];
function newToken(): string {
  const token = fakeIdToken();
  issued.push(token);
  return token;
}

function startApp(
  endpoint: string,
  options: Partial<AuthGuardOptions> = {},
  clock?: () => number,
): Promise<{ app: INestApplication; base: string }> {
  return startGuardedApp(endpoint, options, { clock, logger: captureLogger });
}

function get(base: string, path: string, authorization?: string): Promise<Response> {
  return fetch(`${base}${path}`, { headers: authorization ? { authorization } : {} });
}

async function expectProblem(response: Response, status: number, kind: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(await response.json()).toMatchObject({ status, type: `urn:enclave:problem:${kind}` });
}

describe('AuthGuard in a Nest app', () => {
  let fake: FakeUserinfoServer;
  let app: INestApplication;
  let base: string;
  let now = Date.now();
  const consoleSpies: jest.SpyInstance[] = [];
  const streamSpies: jest.SpyInstance[] = [];

  /** Registers a user with the fake auth service and returns a token for them. */
  function login(userId: string, extra: Record<string, unknown> = {}): string {
    const token = newToken();
    fake.users.set(token, {
      user_id: userId,
      email: `${userId}@example.com`,
      name: `User ${userId}`,
      phone_number: null,
      groups: ['members'],
      ...extra,
    });
    return token;
  }

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      consoleSpies.push(
        jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          logged.push(inspect(args, { depth: 8 }));
        }),
      );
    }
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream);
      streamSpies.push(
        jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: never[]) => {
          logged.push(String(chunk));
          return write(chunk as string, ...rest);
        }) as typeof stream.write),
      );
    }
    fake = await FakeUserinfoServer.start();
    ({ app, base } = await startApp(fake.url, { apiKey: 'test-api-key' }, () => now));
  });

  afterAll(async () => {
    await app?.close();
    await fake?.stop();
    for (const spy of [...consoleSpies, ...streamSpies]) spy.mockRestore();
  });

  beforeEach(() => fake.reset());

  it('answers 401 problem+json with WWW-Authenticate: Bearer when there is no Authorization header', async () => {
    const response = await get(base, '/v1/users/alice/things');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    await expectProblem(response, 401, 'unauthenticated');
    expect(fake.calls).toBe(0);
  });

  it('answers 401 for another scheme (Basic x) and for malformed Bearer headers', async () => {
    for (const header of ['Basic x', 'Bearer', 'Bearer a b', 'Bearer "quoted"']) {
      const response = await get(base, '/v1/users/alice/things', header);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      await expectProblem(response, 401, 'unauthenticated');
    }
    expect(fake.calls).toBe(0);
  });

  it('answers 401 invalid_token for a bearer that cannot be a JWT, without calling the auth service', async () => {
    const notJwts = [
      'tok_opaque0123456789',
      'aaa.bbb.ccc',
      `${fakeIdToken()}.extra`,
      fakeIdToken({ pad: 'x'.repeat(9000) }),
    ];
    for (const token of notJwts) {
      const response = await get(base, '/v1/users/alice/things', `Bearer ${token}`);
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(await response.clone().json()).toMatchObject({
        detail: expect.stringMatching(/not a JWT/),
      });
      await expectProblem(response, 401, 'unauthenticated');
    }
    expect(fake.calls).toBe(0);
  });

  it('answers 200 with the caller for a valid token on their own path, sending x-api-key', async () => {
    const token = login('alice');
    const response = await get(base, '/v1/users/alice/things', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      user: {
        user_id: 'alice',
        email: 'alice@example.com',
        name: 'User alice',
        groups: ['members'],
      },
    });
    expect(fake.requests[0].authorization).toBe(`Bearer ${token}`);
    expect(fake.requests[0]['x-api-key']).toBe('test-api-key');
  });

  it('takes the caller id from sub when the service answers OIDC-style', async () => {
    const token = newToken();
    fake.users.set(token, { sub: 'oidc-user', email: null });
    const response = await get(base, '/v1/users/oidc-user/things', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      user: { user_id: 'oidc-user', email: null, name: null, groups: [] },
    });
  });

  it("answers 403 problem+json for another user's path", async () => {
    const token = login('alice');
    await expectProblem(
      await get(base, '/v1/users/bob/things', `Bearer ${token}`),
      403,
      'forbidden',
    );
  });

  it('answers 401 with an invalid_token challenge when the auth service rejects the token', async () => {
    for (const status of [401, 403]) {
      fake.respond = () => ({ status, body: { error_message: 'Token expired' } });
      const response = await get(base, '/v1/users/alice/things', `Bearer ${newToken()}`);
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      await expectProblem(response, 401, 'unauthenticated');
    }
  });

  it('answers 503 problem+json when the auth service fails with 5xx', async () => {
    fake.respond = () => ({ status: 500, body: { message: 'Internal server error' } });
    const response = await get(base, '/v1/users/alice/things', `Bearer ${newToken()}`);
    expect(response.headers.get('www-authenticate')).toBeNull();
    await expectProblem(response, 503, 'unavailable');
  });

  it('answers 503 problem+json when the auth service is slower than the timeout', async () => {
    fake.respond = () => ({ status: 200, body: { user_id: 'alice' }, delayMs: 2_000 });
    const started = Date.now();
    await expectProblem(
      await get(base, '/v1/users/alice/things', `Bearer ${newToken()}`),
      503,
      'unavailable',
    );
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('makes exactly 1 userinfo call for 100 concurrent requests with one token', async () => {
    const token = login('carol');
    fake.respond = (t) => ({ status: 200, body: fake.users.get(t ?? ''), delayMs: 100 });
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => get(base, '/v1/users/carol/things', `Bearer ${token}`)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(200));
    await Promise.all(responses.map((r) => r.arrayBuffer()));
    expect(fake.calls).toBe(1);
  });

  it('makes exactly 1 userinfo call for 100 sequential requests with one token within the TTL', async () => {
    const token = login('dave');
    for (let i = 0; i < 100; i += 1) {
      const response = await get(base, '/v1/users/dave/things', `Bearer ${token}`);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    expect(fake.calls).toBe(1);
  });

  it('asks the auth service again once the TTL (60 s by default) has passed', async () => {
    const token = login('erin');
    expect((await get(base, '/v1/users/erin/things', `Bearer ${token}`)).status).toBe(200);
    now += 59_000;
    expect((await get(base, '/v1/users/erin/things', `Bearer ${token}`)).status).toBe(200);
    expect(fake.calls).toBe(1);
    now += 1_000;
    expect((await get(base, '/v1/users/erin/things', `Bearer ${token}`)).status).toBe(200);
    expect(fake.calls).toBe(2);
  });

  it('does not cache a failure: the same token works once the service recovers', async () => {
    const token = login('frank');
    fake.respond = () => ({ status: 500, body: {} });
    expect((await get(base, '/v1/users/frank/things', `Bearer ${token}`)).status).toBe(503);
    fake.respond = undefined;
    expect((await get(base, '/v1/users/frank/things', `Bearer ${token}`)).status).toBe(200);
    expect(fake.calls).toBe(2);
  });

  it('lets a @Public() route through without a token and without calling the auth service', async () => {
    const response = await get(base, '/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(fake.calls).toBe(0);
  });

  describe('when the auth service goes down', () => {
    let downFake: FakeUserinfoServer;
    let downApp: INestApplication;
    let downBase: string;

    beforeAll(async () => {
      downFake = await FakeUserinfoServer.start();
      ({ app: downApp, base: downBase } = await startApp(downFake.url));
    });
    afterAll(async () => {
      await downApp?.close();
      await downFake?.stop();
    });

    it('answers 503 problem+json for new tokens, while cached callers keep working', async () => {
      const cached = newToken();
      downFake.users.set(cached, { user_id: 'gina' });
      expect((await get(downBase, '/v1/users/gina/things', `Bearer ${cached}`)).status).toBe(200);

      await downFake.stop();

      const response = await get(downBase, '/v1/users/hank/things', `Bearer ${newToken()}`);
      await expectProblem(response.clone(), 503, 'unavailable');
      expect(await response.json()).toMatchObject({
        title: 'Service unavailable',
        detail: expect.stringMatching(/auth service unavailable/i),
        instance: '/v1/users/hank/things',
      });
      expect((await get(downBase, '/v1/users/gina/things', `Bearer ${cached}`)).status).toBe(200);
    });
  });

  // Last on purpose: it also checks everything logged by the tests above.
  it('never logs a token, not even while reporting auth failures and outages', async () => {
    fake.respond = () => ({ status: 200, raw: 'not json' });
    await get(base, '/v1/users/ivan/things', `Bearer ${newToken()}`);
    fake.respond = () => ({ status: 502, body: {} });
    await get(base, '/v1/users/ivan/things', `Bearer ${newToken()}`);
    fake.respond = () => ({ status: 401, body: {} });
    await get(base, '/v1/users/ivan/things', `Bearer ${newToken()}`);

    const all = logged.join('\n');
    // The outages were reported (so there was something to leak)...
    expect(all).toMatch(/userinfo answered HTTP 502/);
    expect(all).toMatch(/userinfo answer unreadable/);
    expect(all).toMatch(/no answer within 300 ms/);
    expect(all).toMatch(/userinfo request failed/);
    // ...and no token appears anywhere.
    expect(issued.length).toBeGreaterThan(10);
    for (const token of issued) expect(all).not.toContain(token);
  });
});
