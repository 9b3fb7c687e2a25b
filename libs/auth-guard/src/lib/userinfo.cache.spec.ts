import { createHash } from 'node:crypto';
import { ProblemException } from '@enclave/errors';
import type { AuthenticatedUser } from './authenticated-user';
import { TokenRejected } from './token-rejected';
import { tokenCacheKey, UserinfoCache } from './userinfo.cache';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwtWithExp = (expSeconds: number) =>
  `${b64({ alg: 'none' })}.${b64({ sub: 'u', exp: expSeconds })}.sig`;
const user = (id: string): AuthenticatedUser => ({
  user_id: id,
  email: null,
  name: null,
  groups: [],
});

/** A clock the test moves by hand, plus a loader that counts its calls. */
function setup(
  options: {
    cacheTtlSeconds?: number;
    cacheMaxEntries?: number;
    negativeCacheTtlSeconds?: number;
  } = {},
) {
  let now = Date.UTC(2030, 0, 1);
  const cache = new UserinfoCache(
    {
      cacheTtlSeconds: options.cacheTtlSeconds ?? 60,
      cacheMaxEntries: options.cacheMaxEntries ?? 100,
      negativeCacheTtlSeconds: options.negativeCacheTtlSeconds ?? 30,
    },
    () => now,
  );
  const load = jest.fn(async (token: string) => user(`id-of-${token.slice(0, 12)}`));
  return {
    cache,
    load,
    advance: (ms: number) => (now += ms),
    nowSeconds: () => Math.floor(now / 1000),
  };
}

describe('UserinfoCache', () => {
  it('reuses an answer within the TTL and asks again once it has expired', async () => {
    const { cache, load, advance } = setup({ cacheTtlSeconds: 60 });
    const first = await cache.resolve('tok-a', load);
    advance(59_999);
    expect(await cache.resolve('tok-a', load)).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
    advance(1);
    await cache.resolve('tok-a', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("never keeps an answer past the JWT's own exp", async () => {
    const { cache, load, advance, nowSeconds } = setup({ cacheTtlSeconds: 60 });
    const token = jwtWithExp(nowSeconds() + 10);
    await cache.resolve(token, load);
    advance(9_000);
    await cache.resolve(token, load);
    expect(load).toHaveBeenCalledTimes(1);
    advance(1_000);
    await cache.resolve(token, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not cache an answer for a JWT whose exp has already passed', async () => {
    const { cache, load, nowSeconds } = setup();
    const token = jwtWithExp(nowSeconds() - 1);
    await cache.resolve(token, load);
    await cache.resolve(token, load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.size).toBe(0);
  });

  it('uses the TTL when the JWT exp is further away than the TTL', async () => {
    const { cache, load, advance, nowSeconds } = setup({ cacheTtlSeconds: 60 });
    const token = jwtWithExp(nowSeconds() + 3600);
    await cache.resolve(token, load);
    advance(60_000);
    await cache.resolve(token, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not cache outages, 403s or other failures: the next request asks again', async () => {
    const { cache } = setup();
    const load = jest
      .fn<Promise<AuthenticatedUser>, [string]>()
      .mockRejectedValueOnce(new ProblemException('unavailable', 'down'))
      .mockRejectedValueOnce(new TokenRejected(false))
      .mockRejectedValueOnce(new ProblemException('unauthenticated', 'not from userinfo'))
      .mockRejectedValueOnce(new Error('bug'))
      .mockResolvedValue(user('u1'));
    await expect(cache.resolve('tok', load)).rejects.toMatchObject({ problem: { status: 503 } });
    await expect(cache.resolve('tok', load)).rejects.toMatchObject({ problem: { status: 401 } });
    await expect(cache.resolve('tok', load)).rejects.toMatchObject({ problem: { status: 401 } });
    await expect(cache.resolve('tok', load)).rejects.toThrow('bug');
    expect(cache.size).toBe(0);
    expect(cache.rejectedSize).toBe(0);
    await expect(cache.resolve('tok', load)).resolves.toEqual(user('u1'));
    expect(load).toHaveBeenCalledTimes(5);
    expect(cache.size).toBe(1);
  });

  it('remembers a definitive 401 for negativeCacheTtlSeconds, then asks again', async () => {
    const { cache, advance } = setup({ negativeCacheTtlSeconds: 30 });
    const load = jest
      .fn<Promise<AuthenticatedUser>, [string]>()
      .mockRejectedValue(new TokenRejected(true));
    await expect(cache.resolve('junk', load)).rejects.toBeInstanceOf(TokenRejected);
    advance(29_999);
    for (let i = 0; i < 50; i += 1) {
      await expect(cache.resolve('junk', load)).rejects.toMatchObject({
        problem: { status: 401, type: 'urn:enclave:problem:unauthenticated' },
      });
    }
    expect(load).toHaveBeenCalledTimes(1);
    advance(1);
    await expect(cache.resolve('junk', load)).rejects.toBeInstanceOf(TokenRejected);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keys rejections by the SHA-256 of the token too', async () => {
    const { cache } = setup();
    const load = jest.fn(() => Promise.reject(new TokenRejected(true)));
    await cache.resolve('raw-junk-token', load).catch(() => undefined);
    expect(cache.rejectedKeys()).toEqual([tokenCacheKey('raw-junk-token')]);
  });

  it('remembers no rejection when negativeCacheTtlSeconds is 0', async () => {
    const { cache } = setup({ negativeCacheTtlSeconds: 0 });
    const load = jest.fn(() => Promise.reject(new TokenRejected(true)));
    await cache.resolve('junk', load).catch(() => undefined);
    await cache.resolve('junk', load).catch(() => undefined);
    expect(load).toHaveBeenCalledTimes(2);
    expect(cache.rejectedSize).toBe(0);
  });

  it('keeps rejections in their own LRU: a flood of junk never evicts a signed-in user', async () => {
    const { cache } = setup({ cacheMaxEntries: 10 });
    const load = jest.fn(async (token: string) => {
      if (token.startsWith('junk')) throw new TokenRejected(true);
      return user('u1');
    });
    await cache.resolve('valid', load);
    for (let i = 0; i < 200; i += 1) await cache.resolve(`junk-${i}`, load).catch(() => undefined);
    expect(cache.rejectedSize).toBe(10);
    await expect(cache.resolve('valid', load)).resolves.toEqual(user('u1'));
    expect(load).toHaveBeenCalledTimes(201);
  });

  it('stops accepting a token revoked at the auth service once cacheTtlSeconds have passed', async () => {
    const { cache, advance } = setup({ cacheTtlSeconds: 60 });
    let revoked = false;
    const load = jest.fn(async () => {
      if (revoked) throw new TokenRejected(true);
      return user('u1');
    });
    await cache.resolve('tok', load);
    revoked = true;
    advance(59_999);
    // Within the TTL the cached answer stands: the documented price of not asking every time.
    await expect(cache.resolve('tok', load)).resolves.toEqual(user('u1'));
    advance(1);
    await expect(cache.resolve('tok', load)).rejects.toBeInstanceOf(TokenRejected);
    await expect(cache.resolve('tok', load)).rejects.toBeInstanceOf(TokenRejected);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('admits only real look-ups: never for cached users, remembered rejections or shared calls', async () => {
    const { cache } = setup();
    const admit = jest.fn();
    let release!: (u: AuthenticatedUser) => void;
    const answer = new Promise<AuthenticatedUser>((resolve) => (release = resolve));
    const load = jest.fn((token: string) =>
      token === 'junk' ? Promise.reject(new TokenRejected(true)) : answer,
    );
    const callers = Array.from({ length: 10 }, () => cache.resolve('tok', load, admit));
    expect(admit).toHaveBeenCalledTimes(1);
    release(user('u1'));
    await Promise.all(callers);
    await cache.resolve('tok', load, admit);
    await cache.resolve('junk', load, admit).catch(() => undefined);
    await cache.resolve('junk', load, admit).catch(() => undefined);
    expect(admit).toHaveBeenCalledTimes(2);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps a refused admission to its caller: not loaded, not shared, not remembered', async () => {
    const { cache } = setup();
    const refusal = new ProblemException('tooManyRequests', 'slow down');
    const load = jest.fn(async () => user('u1'));
    await expect(
      cache.resolve('tok', load, () => {
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(load).not.toHaveBeenCalled();
    expect(cache.rejectedSize).toBe(0);
    await expect(cache.resolve('tok', load, () => undefined)).resolves.toEqual(user('u1'));
  });

  it('keys entries by the SHA-256 of the token, never the raw token', async () => {
    const { cache, load } = setup();
    const token = 'raw-secret-token-value';
    await cache.resolve(token, load);
    const expected = createHash('sha256').update(token).digest('hex');
    expect(tokenCacheKey(token)).toBe(expected);
    expect(cache.keys()).toEqual([expected]);
    expect(cache.keys().join()).not.toContain(token);
  });

  it('holds at most cacheMaxEntries answers, evicting the least recently used', async () => {
    const { cache, load } = setup({ cacheMaxEntries: 3 });
    for (const token of ['t1', 't2', 't3']) await cache.resolve(token, load);
    await cache.resolve('t1', load); // t1 is now the most recently used
    await cache.resolve('t4', load);
    expect(cache.size).toBe(3);
    expect(cache.keys()).not.toContain(tokenCacheKey('t2'));
    expect(load).toHaveBeenCalledTimes(4);
    await cache.resolve('t1', load);
    expect(load).toHaveBeenCalledTimes(4);
    await cache.resolve('t2', load);
    expect(load).toHaveBeenCalledTimes(5);
  });

  it('shares one look-up between 100 concurrent callers, even with caching off', async () => {
    const { cache } = setup({ cacheTtlSeconds: 0 });
    let release!: (u: AuthenticatedUser) => void;
    const answer = new Promise<AuthenticatedUser>((resolve) => (release = resolve));
    const load = jest.fn(() => answer);
    const callers = Array.from({ length: 100 }, () => cache.resolve('tok', load));
    await new Promise((resolve) => setImmediate(resolve));
    release(user('u1'));
    const users = await Promise.all(callers);
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(users.map((u) => u.user_id))).toEqual(new Set(['u1']));
    expect(cache.size).toBe(0);
    await cache.resolve('tok', load).catch(() => undefined);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shares a failure with concurrent callers, then forgets it', async () => {
    const { cache } = setup();
    const load = jest
      .fn<Promise<AuthenticatedUser>, [string]>()
      .mockRejectedValueOnce(new ProblemException('unavailable', 'down'))
      .mockResolvedValue(user('u1'));
    const results = await Promise.allSettled([
      cache.resolve('tok', load),
      cache.resolve('tok', load),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(load).toHaveBeenCalledTimes(1);
    await expect(cache.resolve('tok', load)).resolves.toEqual(user('u1'));
  });

  it('keeps different tokens apart', async () => {
    const { cache, load } = setup();
    const a = await cache.resolve('token-alice', load);
    const b = await cache.resolve('token-bob', load);
    expect(a.user_id).not.toBe(b.user_id);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
