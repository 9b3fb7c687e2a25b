import { LookupLimiter } from './lookup-limiter';

function setup(lookupsPerClientPerMinute: number, cacheMaxEntries = 100) {
  let now = Date.UTC(2030, 0, 1);
  const limiter = new LookupLimiter({ lookupsPerClientPerMinute, cacheMaxEntries }, () => now);
  return { limiter, advance: (ms: number) => (now += ms) };
}

/** How many of `attempts` takes are allowed. */
const allowed = (limiter: LookupLimiter, client: string, attempts: number) =>
  Array.from({ length: attempts }, () => limiter.take(client)).filter((wait) => wait === 0).length;

describe('LookupLimiter', () => {
  it('allows a burst of the per-minute limit, then refuses with the seconds to wait', () => {
    const { limiter } = setup(30);
    expect(allowed(limiter, 'a', 30)).toBe(30);
    // One look-up comes back every 60/30 = 2 s.
    expect(limiter.take('a')).toBe(2);
    expect(allowed(limiter, 'a', 170)).toBe(0);
  });

  it('refills at the per-minute rate, and never beyond the limit', () => {
    const { limiter, advance } = setup(30);
    expect(allowed(limiter, 'a', 30)).toBe(30);
    advance(1_999);
    expect(limiter.take('a')).toBe(1);
    advance(1);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(2);
    advance(10 * 60_000);
    expect(allowed(limiter, 'a', 100)).toBe(30);
  });

  it('does not let refused attempts push the next allowed one further away', () => {
    const { limiter, advance } = setup(60);
    expect(allowed(limiter, 'a', 60)).toBe(60);
    expect(allowed(limiter, 'a', 1000)).toBe(0);
    advance(1_000);
    expect(limiter.take('a')).toBe(0);
  });

  it('keeps clients apart', () => {
    const { limiter } = setup(5);
    expect(allowed(limiter, 'a', 50)).toBe(5);
    expect(allowed(limiter, 'b', 50)).toBe(5);
  });

  it('rounds a sub-second wait up to 1 s and a long one up to whole seconds', () => {
    expect(setup(120).limiter.take('x')).toBe(0);
    const fast = setup(120).limiter;
    allowed(fast, 'a', 120);
    expect(fast.take('a')).toBe(1);
    const slow = setup(1).limiter;
    expect(slow.take('a')).toBe(0);
    expect(slow.take('a')).toBe(60);
  });

  it('tracks at most cacheMaxEntries clients', () => {
    const { limiter } = setup(1, 2);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c'); // evicts a: the least recently seen
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('c')).toBe(60);
  });
});
