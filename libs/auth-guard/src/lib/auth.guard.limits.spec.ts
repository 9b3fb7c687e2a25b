import type { INestApplication } from '@nestjs/common';
import { fakeIdToken } from '../testing/fake-id-token';
import { FakeUserinfoServer } from '../testing/fake-userinfo-server';
import { getFrom, startGuardedApp } from './guarded-app.fakes';

const FLOODER = '127.0.0.2';
const NEIGHBOUR = '127.0.0.3';
const LIMIT = 30;

/**
 * What bad tokens may cost the auth service, seen from outside: clients are told apart by their
 * real source address (loopback aliases), time is the guard's injected clock.
 */
describe('AuthGuard against a flood of bad tokens', () => {
  let fake: FakeUserinfoServer;
  let app: INestApplication | undefined;
  let base: string;
  let now: number;

  const things = (userId: string) => `${base}/v1/users/${userId}/things`;
  const userToken = (userId: string) => {
    const token = fakeIdToken();
    fake.users.set(token, { user_id: userId });
    return token;
  };

  beforeAll(async () => {
    fake = await FakeUserinfoServer.start();
  });
  afterAll(() => fake.stop());

  beforeEach(async () => {
    fake.reset();
    fake.users.clear();
    now = Date.UTC(2030, 0, 1);
    ({ app, base } = await startGuardedApp(
      fake.url,
      { lookupsPerClientPerMinute: LIMIT, negativeCacheTtlSeconds: 30, cacheTtlSeconds: 60 },
      { clock: () => now },
    ));
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it(`200 distinct junk tokens from one client cost at most ${LIMIT} userinfo calls, then 429 with Retry-After`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const response = await getFrom(FLOODER, things('alice'), `Bearer ${fakeIdToken()}`);
      statuses.push(response.status);
    }
    expect(fake.calls).toBe(LIMIT);
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(statuses.slice(LIMIT)).toEqual(Array(200 - LIMIT).fill(429));

    const next = await getFrom(FLOODER, things('alice'), `Bearer ${fakeIdToken()}`);
    expect(next.status).toBe(429);
    expect(next.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(next.headers['retry-after']).toBe('2'); // one look-up per 60/30 s comes back
    expect(next.body).toMatchObject({
      status: 429,
      type: 'urn:enclave:problem:too-many-requests',
      instance: '/v1/users/alice/things',
    });
    expect(fake.calls).toBe(LIMIT);
  });

  it('limits only the flooding client: another client and a signed-in user are unaffected', async () => {
    const cachedToken = userToken('carol');
    expect((await getFrom(FLOODER, things('carol'), `Bearer ${cachedToken}`)).status).toBe(200);
    for (let i = 0; i < 2 * LIMIT; i += 1) {
      await getFrom(FLOODER, things('alice'), `Bearer ${fakeIdToken()}`);
    }
    expect((await getFrom(FLOODER, things('x'), `Bearer ${fakeIdToken()}`)).status).toBe(429);
    const callsAfterFlood = fake.calls;

    // A user whose token is cached, behind the same address, keeps working without a call.
    for (let i = 0; i < 20; i += 1) {
      expect((await getFrom(FLOODER, things('carol'), `Bearer ${cachedToken}`)).status).toBe(200);
    }
    expect(fake.calls).toBe(callsAfterFlood);

    // Another client signs in with a fresh token and gets its own allowance.
    const dave = userToken('dave');
    expect((await getFrom(NEIGHBOUR, things('dave'), `Bearer ${dave}`)).status).toBe(200);
    expect((await getFrom(NEIGHBOUR, things('x'), `Bearer ${fakeIdToken()}`)).status).toBe(401);
    expect(fake.calls).toBe(callsAfterFlood + 2);
  });

  it('gives the flooder a new look-up as its allowance refills, so a fresh valid token works again', async () => {
    for (let i = 0; i < LIMIT; i += 1) {
      await getFrom(FLOODER, things('alice'), `Bearer ${fakeIdToken()}`);
    }
    const erin = userToken('erin');
    const refused = await getFrom(FLOODER, things('erin'), `Bearer ${erin}`);
    expect(refused.status).toBe(429);
    now += Number(refused.headers['retry-after']) * 1000;
    expect((await getFrom(FLOODER, things('erin'), `Bearer ${erin}`)).status).toBe(200);
  });

  it('answers a token the auth service rejected from memory for 30 s, then asks again', async () => {
    const junk = fakeIdToken();
    for (let i = 0; i < 100; i += 1) {
      const response = await getFrom(FLOODER, things('alice'), `Bearer ${junk}`);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    }
    expect(fake.calls).toBe(1);
    now += 29_999;
    expect((await getFrom(FLOODER, things('alice'), `Bearer ${junk}`)).status).toBe(401);
    expect(fake.calls).toBe(1);
    now += 1;
    expect((await getFrom(FLOODER, things('alice'), `Bearer ${junk}`)).status).toBe(401);
    expect(fake.calls).toBe(2);
  });

  it('never remembers an outage: a token refused with 503 works as soon as the service is back', async () => {
    const frank = userToken('frank');
    fake.respond = () => ({ status: 503, body: {} });
    expect((await getFrom(FLOODER, things('frank'), `Bearer ${frank}`)).status).toBe(503);
    fake.respond = () => ({ status: 200, body: {}, delayMs: 1_000 }); // a timeout
    expect((await getFrom(FLOODER, things('frank'), `Bearer ${frank}`)).status).toBe(503);
    fake.respond = undefined;
    expect((await getFrom(FLOODER, things('frank'), `Bearer ${frank}`)).status).toBe(200);
    expect(fake.calls).toBe(3);
  });

  it('stops accepting a token revoked at the auth service within AUTH_CACHE_TTL_SECONDS', async () => {
    const gina = userToken('gina');
    expect((await getFrom(FLOODER, things('gina'), `Bearer ${gina}`)).status).toBe(200);
    fake.users.delete(gina); // revoked: the service now answers 401 for it
    now += 59_999;
    expect((await getFrom(FLOODER, things('gina'), `Bearer ${gina}`)).status).toBe(200);
    now += 1;
    expect((await getFrom(FLOODER, things('gina'), `Bearer ${gina}`)).status).toBe(401);
    expect(fake.calls).toBe(2);
  });
});
