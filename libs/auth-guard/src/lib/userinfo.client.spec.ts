import { Logger } from '@nestjs/common';
import { ProblemException } from '@enclave/errors';
import { FakeUserinfoServer } from '../testing/fake-userinfo-server';
import { type AuthGuardOptions, resolveAuthGuardOptions } from './auth-guard.options';
import { TokenRejected } from './token-rejected';
import { UserinfoClient } from './userinfo.client';

const TOKEN = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1MSJ9.c2ln';

async function failure(promise: Promise<unknown>): Promise<ProblemException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ProblemException))
    throw new Error(`expected a ProblemException, got ${String(error)}`);
  return error;
}

describe('UserinfoClient', () => {
  let fake: FakeUserinfoServer;
  const client = (options: Partial<AuthGuardOptions> = {}) =>
    new UserinfoClient(resolveAuthGuardOptions({ endpoint: fake.url, timeoutMs: 300, ...options }));

  beforeAll(async () => {
    Logger.overrideLogger(false);
    fake = await FakeUserinfoServer.start();
  });
  afterAll(async () => {
    await fake.stop();
    Logger.overrideLogger(true);
  });
  beforeEach(() => fake.reset());

  it('GETs /v1/userinfo with the bearer token and maps the answer to an AuthenticatedUser', async () => {
    fake.respond = () => ({
      status: 200,
      body: {
        user_id: 'u1',
        email: 'a@example.com',
        name: 'Ann',
        phone_number: null,
        groups: ['admins'],
      },
    });
    const user = await client().getUser(TOKEN);
    expect(user).toEqual({
      user_id: 'u1',
      email: 'a@example.com',
      name: 'Ann',
      groups: ['admins'],
    });
    expect(Object.isFrozen(user)).toBe(true);
    expect(fake.calls).toBe(1);
    expect(fake.requests[0].authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('falls back to sub, and defaults missing email/name to null and groups to []', async () => {
    fake.respond = () => ({ status: 200, body: { sub: 'oidc-sub', email: null, groups: null } });
    await expect(client().getUser(TOKEN)).resolves.toEqual({
      user_id: 'oidc-sub',
      email: null,
      name: null,
      groups: [],
    });
  });

  it('prefers user_id over sub', async () => {
    fake.respond = () => ({ status: 200, body: { user_id: 'uid', sub: 'sub' } });
    expect((await client().getUser(TOKEN)).user_id).toBe('uid');
  });

  it('sends x-api-key when configured', async () => {
    fake.respond = () => ({ status: 200, body: { user_id: 'u1' } });
    await client({ apiKey: 'key-123' }).getUser(TOKEN);
    expect(fake.requests[0]['x-api-key']).toBe('key-123');
  });

  it('sends no x-api-key when none is configured', async () => {
    fake.respond = () => ({ status: 200, body: { user_id: 'u1' } });
    await client().getUser(TOKEN);
    expect(fake.requests[0]).not.toHaveProperty('x-api-key');
  });

  it('appends /v1/userinfo to an endpoint with a trailing slash', async () => {
    fake.respond = () => ({ status: 200, body: { user_id: 'u1' } });
    await expect(client({ endpoint: `${fake.url}/` }).getUser(TOKEN)).resolves.toMatchObject({
      user_id: 'u1',
    });
    expect(fake.calls).toBe(1);
  });

  it.each([
    [401, true],
    [403, false],
  ])('maps %i from the auth service to 401 (definitive: %s)', async (status, definitive) => {
    fake.respond = () => ({ status, body: { error_message: 'nope' } });
    const error = await failure(client().getUser(TOKEN));
    expect(error.problem).toMatchObject({
      status: 401,
      type: 'urn:enclave:problem:unauthenticated',
    });
    // Only a 401 speaks about the token; an API gateway answers 403 for a bad API key.
    expect(error).toBeInstanceOf(TokenRejected);
    expect((error as TokenRejected).definitive).toBe(definitive);
  });

  it.each([500, 502, 503, 404, 429])('maps %i from the auth service to 503', async (status) => {
    fake.respond = () => ({ status, body: { message: 'broken' } });
    const error = await failure(client().getUser(TOKEN));
    expect(error.problem).toMatchObject({ status: 503, type: 'urn:enclave:problem:unavailable' });
    expect(error.problem.detail).toMatch(/auth service unavailable/i);
  });

  it('maps a non-JSON 200 answer to 503', async () => {
    fake.respond = () => ({ status: 200, raw: '<html>gateway login page</html>' });
    expect((await failure(client().getUser(TOKEN))).problem.status).toBe(503);
  });

  it.each([
    ['without user_id or sub', { email: 'a@example.com' }],
    ['with an empty user_id', { user_id: '' }],
    ['that is an array', [{ user_id: 'u1' }]],
    ['that is null', null],
  ])('maps a JSON answer %s to 503', async (_label, body) => {
    fake.respond = () => ({ status: 200, body });
    expect((await failure(client().getUser(TOKEN))).problem.status).toBe(503);
  });

  it('gives up after timeoutMs and maps the timeout to 503', async () => {
    fake.respond = () => ({ status: 200, body: { user_id: 'u1' }, delayMs: 2_000 });
    const started = Date.now();
    const error = await failure(client({ timeoutMs: 150 }).getUser(TOKEN));
    expect(error.problem.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('maps an unreachable auth service to 503', async () => {
    const gone = await FakeUserinfoServer.start();
    await gone.stop();
    const unreachable = new UserinfoClient(resolveAuthGuardOptions({ endpoint: gone.url }));
    expect((await failure(unreachable.getUser(TOKEN))).problem.status).toBe(503);
  });

  it('rejects a token that could not be sent as a header value with 401, without calling', async () => {
    const error = await failure(client().getUser('bad token\r\nx-injected: 1'));
    expect(error.problem.status).toBe(401);
    expect(fake.calls).toBe(0);
  });
});
