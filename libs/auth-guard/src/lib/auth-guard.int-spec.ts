import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { startLocalAuth } from '@enclave/local-auth';
import { type RunningService, startSes } from '@enclave/local-stack';
import { callAuth, nextTotpCode, signUpUser, type TestUser } from '@enclave/testing';
import { fakeIdToken } from '../testing/fake-id-token';
import { getFrom, startGuardedApp } from './guarded-app.fakes';

const FLOODER = '127.0.0.2';
const NEIGHBOUR = '127.0.0.3';
const LIMIT = 30;
const TTL_SECONDS = 60;

/** Sits in front of the real auth stand-in and counts the userinfo calls that reach it. */
async function startUserinfoCounter(
  target: string,
): Promise<{ url: string; calls: () => number; stop: () => Promise<void> }> {
  let calls = 0;
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/v1/userinfo')) calls += 1;
    const headers: Record<string, string> = {};
    if (req.headers.authorization) headers['authorization'] = req.headers.authorization;
    fetch(`${target}${req.url ?? '/'}`, { headers })
      .then(async (upstream) => {
        res
          .writeHead(upstream.status, {
            'content-type': upstream.headers.get('content-type') ?? 'application/json',
          })
          .end(Buffer.from(await upstream.arrayBuffer()));
      })
      .catch(() => res.writeHead(502).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls: () => calls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A second sign-in of `user`, for the access token that logout needs. */
async function signIn(auth: string, user: TestUser) {
  const login = await callAuth<{ verification_session: string; verification_type: string }>(
    auth,
    '/v1/login',
    { email: user.email, password: user.password },
  );
  return callAuth<{ id_token: string; access_token: string }>(auth, '/v1/mfa-verify', {
    email: user.email,
    verification_type: login.verification_type,
    verification_session: login.verification_session,
    otp_code: await nextTotpCode(user),
  });
}

/** The guard against the real local auth stand-in (JWTs signed with jose, logout revocation). */
describe('AuthGuard with the local auth stand-in', () => {
  let ses: RunningService;
  let auth: RunningService;
  let counter: Awaited<ReturnType<typeof startUserinfoCounter>>;
  let app: INestApplication | undefined;
  let base: string;
  let now: number;
  let alice: TestUser;
  let bob: TestUser;

  const things = (userId: string) => `${base}/v1/users/${userId}/things`;

  beforeAll(async () => {
    ses = await startSes();
    auth = await startLocalAuth({ sesEndpoint: ses.endpoint });
    counter = await startUserinfoCounter(auth.endpoint);
    [alice, bob] = await Promise.all([signUpUser({ auth, ses }), signUpUser({ auth, ses })]);
  });
  afterAll(async () => {
    await counter?.stop();
    await auth?.stop();
    await ses?.stop();
  });

  beforeEach(async () => {
    now = Date.now();
    ({ app, base } = await startGuardedApp(
      counter.url,
      {
        timeoutMs: 3000,
        cacheTtlSeconds: TTL_SECONDS,
        lookupsPerClientPerMinute: LIMIT,
        negativeCacheTtlSeconds: 30,
      },
      { clock: () => now },
    ));
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it(`200 distinct junk tokens from one client cost at most ${LIMIT} userinfo calls; the next gets 429`, async () => {
    const before = counter.calls();
    // Alice signed in from the flooding address before the flood (one look-up of its allowance):
    // her token is cached.
    expect((await getFrom(FLOODER, things(alice.user_id), `Bearer ${alice.idToken}`)).status).toBe(
      200,
    );

    const statuses = new Map<number, number>();
    for (let i = 0; i < 200; i += 1) {
      const { status } = await getFrom(FLOODER, things(alice.user_id), `Bearer ${fakeIdToken()}`);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect(counter.calls() - before).toBeLessThanOrEqual(LIMIT);
    expect(Object.fromEntries(statuses)).toEqual({ 401: LIMIT - 1, 429: 200 - LIMIT + 1 });

    const refused = await getFrom(FLOODER, things(alice.user_id), `Bearer ${fakeIdToken()}`);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: 'urn:enclave:problem:too-many-requests' });

    // Alice, behind the flooding address, is not refused.
    expect((await getFrom(FLOODER, things(alice.user_id), `Bearer ${alice.idToken}`)).status).toBe(
      200,
    );
    // Another client signs in as usual.
    expect((await getFrom(NEIGHBOUR, things(bob.user_id), `Bearer ${bob.idToken}`)).status).toBe(
      200,
    );
    expect(counter.calls() - before).toBeLessThanOrEqual(LIMIT + 1);
  });

  it('answers a rejected token from memory, and a non-JWT without asking at all', async () => {
    const before = counter.calls();
    const [header, payload] = alice.idToken.split('.');
    const forged = `${header}.${payload}.${fakeIdToken().split('.')[2]}`;
    for (let i = 0; i < 50; i += 1) {
      expect((await getFrom(FLOODER, things(alice.user_id), `Bearer ${forged}`)).status).toBe(401);
      const opaque = await getFrom(FLOODER, things(alice.user_id), `Bearer junk-${i}`);
      expect(opaque.status).toBe(401);
      expect(opaque.body).toMatchObject({ detail: expect.stringMatching(/not a JWT/) });
    }
    expect(counter.calls() - before).toBe(1);
  });

  it(`stops accepting a token revoked by logout within AUTH_CACHE_TTL_SECONDS (${TTL_SECONDS} s)`, async () => {
    const session = await signIn(auth.endpoint, bob);
    const bearer = `Bearer ${session.id_token}`;
    expect((await getFrom(NEIGHBOUR, things(bob.user_id), bearer)).status).toBe(200);

    await callAuth(auth.endpoint, '/v1/logout', {
      email: bob.email,
      access_token: session.access_token,
    });
    const direct = await fetch(`${auth.endpoint}/v1/userinfo`, {
      headers: { authorization: bearer },
    });
    expect(direct.status).toBe(401);

    now += TTL_SECONDS * 1000 - 1;
    expect((await getFrom(NEIGHBOUR, things(bob.user_id), bearer)).status).toBe(200);
    now += 1;
    const revoked = await getFrom(NEIGHBOUR, things(bob.user_id), bearer);
    expect(revoked.status).toBe(401);
    expect(revoked.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });
});
