import { RateLimitWindows } from './rate-limit-windows';

describe('RateLimitWindows', () => {
  let now = 1_000_000;
  const windows = new RateLimitWindows(10, () => now);
  const hit = (key: string) => windows.increment(key, 60_000, 3);

  it('allows `limit` requests per window, then blocks until the window ends', async () => {
    for (let i = 1; i <= 3; i++)
      expect(await hit('a')).toMatchObject({ totalHits: i, isBlocked: false });
    now += 20_000;
    expect(await hit('a')).toEqual({
      totalHits: 4,
      isBlocked: true,
      timeToExpire: 40,
      timeToBlockExpire: 40,
    });
    now += 40_000;
    expect(await hit('a')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('counts each key on its own', async () => {
    for (let i = 0; i < 4; i++) await hit('b');
    expect(await hit('c')).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('keeps one counter per key: 100,000 hits in a window are counted, not stored', async () => {
    const busy = new RateLimitWindows(10, () => now);
    for (let i = 0; i < 100_000; i++) await busy.increment('d', 60_000, 1_000_000);
    expect(await busy.increment('d', 60_000, 1_000_000)).toMatchObject({ totalHits: 100_001 });
  });
});
