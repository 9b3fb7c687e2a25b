import { ACCESS_LOG_KEEP } from '@enclave/metadata';
import { RememberedShare, RememberedShares } from './remembered-shares';
import type { ResolvedShare } from './share-outcome';

function row(overrides: Partial<ResolvedShare> = {}): ResolvedShare {
  return {
    token_hash: 'hash',
    share_id: 'share-1',
    user_id: 'user-1',
    file_id: 'file-1',
    file_ref: 'user-1/file-1',
    file_name: 'report.pdf',
    kind: 'LINK',
    created_at: '2026-11-23T09:30:00.000Z',
    expires_at: '2026-11-23T11:00:00.000Z',
    downloads: 0,
    password_protected: false,
    log_length: 0,
    purge_at: 0,
    ...overrides,
  };
}

describe('RememberedShares', () => {
  it('remembers what a read found, and forgets a hash that names no share any more', () => {
    const shares = new RememberedShares();
    expect(shares.get('a')).toBeUndefined();
    const known = shares.remember('a', row());
    expect(shares.get('a')).toBe(known);
    expect(known).toMatchObject({
      user_id: 'user-1',
      file_id: 'file-1',
      password_protected: false,
      expiresAt: '2026-11-23T11:00:00.000Z',
    });
    expect(shares.remember('a', undefined)).toBeUndefined();
    expect(shares.get('a')).toBeUndefined();
  });

  it('keeps one entry per share, refreshed by each read', () => {
    const shares = new RememberedShares();
    const first = shares.remember('a', row());
    const again = shares.remember('a', row({ expires_at: '2026-11-23T10:30:00.000Z' }));
    expect(again).toBe(first);
    expect(again?.expiresAt).toBe('2026-11-23T10:30:00.000Z');
  });

  it('holds at most `max` shares, dropping the least recently used', () => {
    const shares = new RememberedShares({ max: 2 });
    shares.remember('a', row());
    shares.remember('b', row());
    shares.get('a');
    shares.remember('c', row());
    expect(shares.get('a')).toBeDefined();
    expect(shares.get('b')).toBeUndefined();
    expect(shares.get('c')).toBeDefined();
  });

  it('forgets a share `ttlMs` after it was last read, however often it is used', async () => {
    let now = 1_000;
    const shares = new RememberedShares({ ttlMs: 60_000, perf: { now: () => now } });
    // lru-cache reuses a clock reading for a millisecond of real time.
    const later = async (ms: number) => {
      now += ms;
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    shares.remember('a', row());
    await later(59_000);
    expect(shares.get('a')).toBeDefined();
    await later(2_000);
    expect(shares.get('a')).toBeUndefined();
  });
});

describe('RememberedShare’s reckoning of the log', () => {
  it('claims no trim under 2 × KEEP; at it, all but the newest KEEP, once', () => {
    const known = new RememberedShare(row({ log_length: 2 * ACCESS_LOG_KEEP - 1 }));
    expect(known.claimTrim()).toBe(0);
    known.beginAppend();
    known.endAppend(true);
    expect(known.claimTrim()).toBe(ACCESS_LOG_KEEP);
    // A racing request of the same process finds it claimed.
    expect(known.claimTrim()).toBe(0);
  });

  it('counts only appends that landed', () => {
    const known = new RememberedShare(row({ log_length: 2 * ACCESS_LOG_KEEP - 1 }));
    known.beginAppend();
    known.endAppend(false);
    expect(known.claimTrim()).toBe(0);
  });

  it('learns from a trim’s answer what other processes appended', () => {
    const known = new RememberedShare(row({ log_length: 2 * ACCESS_LOG_KEEP }));
    const drop = known.claimTrim();
    expect(drop).toBe(ACCESS_LOG_KEEP);
    // The log held 3 × KEEP: the trim left 2 × KEEP, so another trim is due at once.
    expect(known.settleTrim(2 * ACCESS_LOG_KEEP, drop)).toBe(true);
    expect(known.claimTrim()).toBe(ACCESS_LOG_KEEP);
  });

  it('counts what a probe it did not reckon due trimmed', () => {
    const known = new RememberedShare(row({ log_length: 2 * ACCESS_LOG_KEEP - 1 }));
    // Another process's appends had filled the log; the probe dropped KEEP of them.
    expect(known.settleTrim(ACCESS_LOG_KEEP + 3, 0)).toBe(true);
    known.beginAppend();
    known.endAppend(true);
    expect(known.claimTrim()).toBe(0);
  });

  it('does not count twice an append still pending when a length is read', () => {
    const known = new RememberedShare(row({ log_length: 0 }));
    known.beginAppend();
    // The read may hold that append or not; it is counted when it lands.
    known.refresh(row({ log_length: 2 * ACCESS_LOG_KEEP }));
    expect(known.claimTrim()).toBe(0);
    known.endAppend(true);
    expect(known.claimTrim()).toBe(ACCESS_LOG_KEEP);
  });

  it('says to forget it when a trim it claimed was refused, not when a probe was', () => {
    const known = new RememberedShare(row({ log_length: 2 * ACCESS_LOG_KEEP }));
    expect(known.settleTrim(undefined, 0)).toBe(true);
    const drop = known.claimTrim();
    expect(drop).toBe(ACCESS_LOG_KEEP);
    expect(known.settleTrim(undefined, drop)).toBe(false);
  });
});
