import { DependencyUnavailable } from '@enclave/errors';
import { UserKeyShredded } from '../lib/key-errors';
import type { KeyRows } from '../lib/key-rows';
import { userKeyAlias } from '../lib/user-key';
import { UserKeys, type UserKeysOptions } from '../lib/user-keys';
import { FakeKeyManagement, SimulatedCrash } from './fake-key-management';
import { ManualClock } from './manual-clock';

export interface KeyRowsUnderTest {
  /** Another handle on the same table, as another Lambda would hold (its own client). */
  newRows(): KeyRows;
  tearDown(): Promise<void>;
}

const STAGE = 'test';
const LEASE_MS = 30_000;
const DAY_MS = 86_400_000;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error,
  );
}

/** Counts the row reads made through it. */
function counted(rows: KeyRows): { rows: KeyRows; reads(): number } {
  let reads = 0;
  const wrapped: KeyRows = Object.create(rows);
  wrapped.get = (userId) => {
    reads++;
    return rows.get(userId);
  };
  return { rows: wrapped, reads: () => reads };
}

/**
 * What UserKeys promises over a keys table, run against the in-memory rows and against dynalite:
 * exactly one key per user however many processes race, crashes and outages included.
 */
export function describeUserKeysBehaviour(
  name: string,
  setUp: () => Promise<KeyRowsUnderTest>,
): void {
  describe(`UserKeys (${name})`, () => {
    let table: KeyRowsUnderTest;
    let runs = 0;
    // Every test gets users of its own: the real table is shared by the whole suite.
    const user = (label: string) => `${label}-${runs}-${Math.random().toString(36).slice(2, 8)}`;

    beforeAll(async () => {
      table = await setUp();
    });
    afterAll(async () => {
      await table?.tearDown();
    });
    beforeEach(() => {
      runs++;
    });

    function lambda(
      kms: FakeKeyManagement,
      options: Partial<UserKeysOptions> = {},
      rows = table.newRows(),
    ): UserKeys {
      return new UserKeys(rows, kms, { stage: STAGE, ...options });
    }

    /** Options for a process whose time moves only with `clock`. */
    function onClock(clock: ManualClock, more: Partial<UserKeysOptions> = {}) {
      return { now: clock.now, sleep: clock.sleep, leaseSeconds: LEASE_MS / 1000, ...more };
    }

    describe('the rows themselves', () => {
      it('hold their conditions: one claim, takeover only of the expired lease named, writes only by its holder', async () => {
        const rows = table.newRows();
        const rose = user('rose');
        const first = { leaseId: 'first', leaseUntil: 1_000 };
        const second = { leaseId: 'second', leaseUntil: 2_000 };
        expect(await rows.claim(rose, first)).toBe(true);
        expect(await rows.claim(rose, second)).toBe(false);
        expect(await rows.takeOver(rose, 'first', second, 1_000)).toBe(false); // not yet expired
        expect(await rows.takeOver(rose, 'other', second, 1_001)).toBe(false);
        expect(await rows.takeOver(rose, 'first', second, 1_001)).toBe(true);
        const key = { keyId: 'k', arn: 'arn:k' };
        expect(await rows.markReady(rose, 'first', key, 'then')).toBe(false);
        expect(await rows.release(rose, 'first')).toBe(false);
        expect(await rows.markShredding(rose)).toBe(false);
        expect(await rows.markReady(rose, 'second', key, 'then')).toBe(true);
        expect(await rows.get(rose)).toEqual({
          user_id: rose,
          state: 'READY',
          key_id: 'k',
          key_arn: 'arn:k',
          created_at: 'then',
        });
        expect(await rows.release(rose, 'second')).toBe(false);
        expect(await rows.markShredded(rose, 'd', 'now')).toBe(false);
        expect(await rows.markShredding(rose)).toBe(true);
        expect(await rows.markShredding(rose)).toBe(false);
        expect(await rows.markShredded(rose, 'd', 'now')).toBe(true);
        expect(await rows.markShredded(rose, 'd2', 'later')).toBe(false);
        expect(await rows.get(rose)).toMatchObject({ state: 'SHREDDED', deletion_date: 'd' });
      });

      it('release only the lease named, and then the user can be claimed afresh', async () => {
        const rows = table.newRows();
        const sam = user('sam');
        expect(await rows.release(sam, 'none')).toBe(false);
        await rows.claim(sam, { leaseId: 'mine', leaseUntil: 1 });
        expect(await rows.release(sam, 'theirs')).toBe(false);
        expect(await rows.release(sam, 'mine')).toBe(true);
        expect(await rows.get(sam)).toBeUndefined();
        expect(await rows.claim(sam, { leaseId: 'next', leaseUntil: 2 })).toBe(true);
      });
    });

    describe('creating a key', () => {
      it('creates exactly one key for 50 concurrent callers on 5 Lambdas, and gives it to all', async () => {
        const kms = new FakeKeyManagement();
        const lambdas = Array.from({ length: 5 }, () => lambda(kms));
        const alice = user('alice');
        const keys = await Promise.all(
          Array.from({ length: 50 }, (_, i) => lambdas[i % 5].keyFor(alice)),
        );
        expect(kms.calls.createKey).toBe(1);
        expect(kms.calls.createAlias).toBe(1);
        expect(new Set(keys.map((key) => key.keyId)).size).toBe(1);
        expect(kms.keys.size).toBe(1);
        const [made] = kms.keys.values();
        expect(keys[0]).toEqual({ keyId: made.keyId, arn: made.arn });
        expect(kms.aliases.get(userKeyAlias(STAGE, alice))).toBe(made.keyId);
        expect(made.tags).toEqual({ 'enclave:user_id': alice, 'enclave:stage': STAGE });
        expect(await lambdas[0].status(alice)).toMatchObject({
          user_id: alice,
          state: 'READY',
          key_id: made.keyId,
          key_arn: made.arn,
          created_at: expect.any(String),
        });
        expect(await lambdas[0].status(alice)).not.toHaveProperty('lease_id');
      });

      it('gives two users two keys', async () => {
        const kms = new FakeKeyManagement();
        const keys = lambda(kms);
        const [a, b] = [user('a'), user('b')];
        const [keyA, keyB] = await Promise.all([keys.keyFor(a), keys.keyFor(b)]);
        expect(keyA.keyId).not.toBe(keyB.keyId);
        expect(kms.calls.createKey).toBe(2);
        expect(kms.aliases.get(userKeyAlias(STAGE, a))).toBe(keyA.keyId);
        expect(kms.aliases.get(userKeyAlias(STAGE, b))).toBe(keyB.keyId);
      });

      it('coalesces concurrent callers in one process onto one resolution (one row read)', async () => {
        const kms = new FakeKeyManagement();
        const reading = counted(table.newRows());
        const keys = lambda(kms, {}, reading.rows);
        const carol = user('carol');
        const all = await Promise.all(Array.from({ length: 10 }, () => keys.keyFor(carol)));
        expect(new Set(all.map((key) => key.keyId)).size).toBe(1);
        expect(reading.reads()).toBe(1);
        expect(kms.calls.createKey).toBe(1);
      });

      it('answers a READY key from memory afterwards, without reading any row', async () => {
        const kms = new FakeKeyManagement();
        const reading = counted(table.newRows());
        const keys = lambda(kms, {}, reading.rows);
        const dave = user('dave');
        const first = await keys.keyFor(dave);
        const readsBefore = reading.reads();
        expect(await keys.keyFor(dave)).toEqual(first);
        expect(reading.reads()).toBe(readsBefore);
        // Another process reads the row once, and never asks KMS.
        const other = lambda(kms);
        expect(await other.keyFor(dave)).toEqual(first);
        expect(kms.calls.createKey).toBe(1);
      });

      it("reads the row again once a remembered key is cacheSeconds old: another process's shred then stops it", async () => {
        const kms = new FakeKeyManagement();
        const clock = new ManualClock();
        const reading = counted(table.newRows());
        const signer = lambda(kms, onClock(clock, { cacheSeconds: 60 }), reading.rows);
        const erin = user('erin');
        await signer.keyFor(erin);
        clock.advance(59_000);
        const readsBefore = reading.reads();
        await signer.keyFor(erin);
        expect(reading.reads()).toBe(readsBefore);

        const shredder = lambda(kms, onClock(clock));
        await shredder.beginShred(erin);
        clock.advance(2_000);
        expect(await rejection(signer.keyFor(erin))).toBeInstanceOf(UserKeyShredded);
        expect(kms.calls.createKey).toBe(1);
      });

      it('reads the status without creating anything', async () => {
        const kms = new FakeKeyManagement();
        const erin = user('erin');
        expect(await lambda(kms).status(erin)).toBeUndefined();
        expect(kms.calls.createKey).toBe(0);
        expect(await lambda(kms).status(erin)).toBeUndefined();
      });
    });

    describe('when a creator dies', () => {
      it('adopts through the alias a key made before the crash (one key, createKey once)', async () => {
        const clock = new ManualClock();
        const kms = new FakeKeyManagement(clock.now);
        const frank = user('frank');
        kms.crash('createAlias', 'after');
        expect(await rejection(lambda(kms, onClock(clock)).keyFor(frank))).toBeInstanceOf(
          SimulatedCrash,
        );
        const next = lambda(kms, onClock(clock));
        expect(await next.status(frank)).toMatchObject({ state: 'CREATING' });
        clock.advance(LEASE_MS + 1);
        const key = await next.keyFor(frank);
        expect(kms.calls.createKey).toBe(1);
        expect(kms.keys.size).toBe(1);
        expect(key.keyId).toBe(kms.aliases.get(userKeyAlias(STAGE, frank)));
        expect(await next.status(frank)).toMatchObject({ state: 'READY', key_id: key.keyId });
      });

      it('creates exactly one key after a crash before createKey', async () => {
        const clock = new ManualClock();
        const kms = new FakeKeyManagement(clock.now);
        const gina = user('gina');
        kms.crash('createKey', 'before');
        expect(await rejection(lambda(kms, onClock(clock)).keyFor(gina))).toBeInstanceOf(
          SimulatedCrash,
        );
        clock.advance(LEASE_MS + 1);
        const key = await lambda(kms, onClock(clock)).keyFor(gina);
        expect(kms.calls.createKey).toBe(1);
        expect([...kms.keys.keys()]).toEqual([key.keyId]);
      });

      it('cannot find a key made in the instant between CreateKey and CreateAlias: one more is made (known limit)', async () => {
        const clock = new ManualClock();
        const kms = new FakeKeyManagement(clock.now);
        const hank = user('hank');
        kms.crash('createKey', 'after');
        expect(await rejection(lambda(kms, onClock(clock)).keyFor(hank))).toBeInstanceOf(
          SimulatedCrash,
        );
        clock.advance(LEASE_MS + 1);
        const key = await lambda(kms, onClock(clock)).keyFor(hank);
        // The first key has no alias, only its enclave:user_id tag: a sweep's to find.
        expect(kms.calls.createKey).toBe(2);
        expect(kms.aliases.get(userKeyAlias(STAGE, hank))).toBe(key.keyId);
      });

      it('does not take over a lease that is still running: waits, then answers 503 after waitMs', async () => {
        const clock = new ManualClock();
        const kms = new FakeKeyManagement(clock.now);
        const ivy = user('ivy');
        kms.crash('createKey', 'before');
        await rejection(lambda(kms, onClock(clock)).keyFor(ivy));
        const started = clock.now();
        const waits: number[] = [];
        const waiter = lambda(kms, {
          ...onClock(clock),
          waitMs: 10_000,
          sleep: (ms) => {
            waits.push(ms);
            return clock.sleep(ms);
          },
        });
        const error = await rejection(waiter.keyFor(ivy));
        expect(error).toBeInstanceOf(DependencyUnavailable);
        expect(error).toMatchObject({ dependency: 'KMS' });
        // Retry once the creator's lease is over (20 s of 30 s left).
        expect((error as DependencyUnavailable).retryAfterSeconds).toBe(20);
        expect(clock.now() - started).toBe(10_000);
        expect(waits.length).toBeGreaterThan(3);
        expect(waits[2]).toBeGreaterThan(waits[0]);
        expect(Math.max(...waits)).toBeLessThanOrEqual(1000);
        expect(kms.calls.createKey).toBe(0);
        expect(await waiter.status(ivy)).toMatchObject({ state: 'CREATING' });
      });

      it('a creator that outlived its lease keeps no key of its own: its taker made the one', async () => {
        const clock = new ManualClock();
        const kms = new FakeKeyManagement(clock.now);
        const jack = user('jack');
        const slowAlias = kms.hold('createAlias');
        const slow = lambda(kms, onClock(clock)).keyFor(jack);
        await slowAlias.reached;
        clock.advance(LEASE_MS + 1);
        const taken = await lambda(kms, onClock(clock)).keyFor(jack);
        slowAlias.resume();
        expect(await slow).toEqual(taken);
        expect(kms.calls.createKey).toBe(2);
        const leftovers = [...kms.keys.values()].filter((key) => key.keyId !== taken.keyId);
        expect(leftovers.map((key) => key.state)).toEqual(['PendingDeletion']);
      });
    });

    describe('when KMS fails', () => {
      it('answers 503 when KMS is down, and releases the claim at once (no CREATING row left)', async () => {
        const clock = new ManualClock();
        const kms = new FakeKeyManagement(clock.now);
        const kate = user('kate');
        const keys = lambda(kms, onClock(clock));
        kms.failNext(1, 'createKey');
        const error = await rejection(keys.keyFor(kate));
        expect(error).toBeInstanceOf(DependencyUnavailable);
        expect(error).toMatchObject({ dependency: 'KMS' });
        expect(await keys.status(kate)).toBeUndefined();
        // KMS is back: the next caller creates at once, without waiting out a lease.
        const key = await keys.keyFor(kate);
        expect(kms.calls.createKey).toBe(2);
        expect([...kms.keys.keys()]).toEqual([key.keyId]);
      });

      it('deletes a key it made when its alias cannot be made, so no orphan stays', async () => {
        const kms = new FakeKeyManagement();
        const liam = user('liam');
        const keys = lambda(kms);
        kms.failNext(1, 'createAlias');
        expect(await rejection(keys.keyFor(liam))).toBeInstanceOf(DependencyUnavailable);
        const [first] = kms.keys.values();
        expect(first.state).toBe('PendingDeletion');
        expect(await keys.status(liam)).toBeUndefined();
        const key = await keys.keyFor(liam);
        expect(key.keyId).not.toBe(first.keyId);
        expect(kms.aliases.get(userKeyAlias(STAGE, liam))).toBe(key.keyId);
      });

      it('adopts the key an existing alias names and schedules the deletion of the one it made', async () => {
        const kms = new FakeKeyManagement();
        const mia = user('mia');
        const earlier = kms.addKey(userKeyAlias(STAGE, mia));
        const keys = lambda(kms);
        const key = await keys.keyFor(mia);
        expect(key).toEqual({ keyId: earlier.keyId, arn: earlier.arn });
        expect(kms.calls.createKey).toBe(1);
        const made = [...kms.keys.values()].find((k) => k.keyId !== earlier.keyId);
        expect(made?.state).toBe('PendingDeletion');
        expect(made?.deletionDate).toBeInstanceOf(Date);
        expect(await keys.status(mia)).toMatchObject({ state: 'READY', key_id: earlier.keyId });
      });
    });

    describe('shredding', () => {
      it('has nothing to shred for a user without a key', async () => {
        const kms = new FakeKeyManagement();
        const keys = lambda(kms);
        const ned = user('ned');
        expect(await keys.beginShred(ned)).toBe('none');
        expect(await keys.status(ned)).toBeUndefined();
        expect(kms.calls.createKey).toBe(0);
      });

      it('goes READY → SHREDDING → SHREDDED, every step repeatable, and refuses the key after', async () => {
        const clock = new ManualClock();
        const kms = new FakeKeyManagement(clock.now);
        const keys = lambda(kms, onClock(clock));
        const other = lambda(kms, onClock(clock));
        const olga = user('olga');
        const key = await keys.keyFor(olga);
        await other.keyFor(olga);

        const started = await keys.beginShred(olga);
        expect(started).toMatchObject({ state: 'SHREDDING', key_id: key.keyId });
        expect(await keys.beginShred(olga)).toMatchObject({ state: 'SHREDDING' });
        // Evicted from this process's memory: refused at once.
        expect(await rejection(keys.keyFor(olga))).toBeInstanceOf(UserKeyShredded);

        const deletionDate = await keys.disableAndScheduleDeletion(key.keyId);
        expect(deletionDate.getTime()).toBe(clock.now() + 7 * DAY_MS);
        expect(kms.keys.get(key.keyId)?.state).toBe('PendingDeletion');
        clock.advance(1000);
        expect(await keys.disableAndScheduleDeletion(key.keyId)).toEqual(deletionDate);

        const done = await keys.finishShred(olga, deletionDate);
        expect(done).toMatchObject({
          state: 'SHREDDED',
          key_id: key.keyId,
          deletion_date: deletionDate.toISOString(),
          shredded_at: expect.any(String),
        });
        expect(await keys.finishShred(olga, new Date(0))).toEqual(done);
        expect(await keys.beginShred(olga)).toEqual(done);
        expect(await keys.status(olga)).toEqual(done);

        const refused = await rejection(lambda(kms).keyFor(olga));
        expect(refused).toBeInstanceOf(UserKeyShredded);
        expect(refused).toMatchObject({ kind: 'conflict' });
        expect((refused as Error).message).toMatch(/crypto-shredded/);
        expect(kms.calls.createKey).toBe(1);
      });

      it('disables a key that was already disabled and schedules its deletion', async () => {
        const kms = new FakeKeyManagement();
        const key = kms.addKey();
        key.state = 'Disabled';
        const date = await lambda(kms).disableAndScheduleDeletion(key.keyId);
        expect(kms.keys.get(key.keyId)).toMatchObject({
          state: 'PendingDeletion',
          deletionDate: date,
        });
      });

      it('refuses to finish a shred that was never begun', async () => {
        const kms = new FakeKeyManagement();
        const keys = lambda(kms);
        const pat = user('pat');
        await keys.keyFor(pat);
        expect(await rejection(keys.finishShred(pat, new Date()))).toBeInstanceOf(Error);
        expect(await keys.status(pat)).toMatchObject({ state: 'READY' });
      });

      it('waits for a key still being created before shredding it', async () => {
        const kms = new FakeKeyManagement();
        const quinn = user('quinn');
        const creating = kms.hold('createKey');
        const created = lambda(kms).keyFor(quinn);
        await creating.reached;
        const shred = lambda(kms).beginShred(quinn);
        creating.resume();
        const key = await created;
        expect(await shred).toMatchObject({ state: 'SHREDDING', key_id: key.keyId });
        expect(kms.calls.createKey).toBe(1);
      });

      it('passes a KMS outage during the shred on as 503', async () => {
        const kms = new FakeKeyManagement();
        const key = kms.addKey();
        kms.failNext(1, 'disableKey');
        expect(await rejection(lambda(kms).disableAndScheduleDeletion(key.keyId))).toBeInstanceOf(
          DependencyUnavailable,
        );
        expect(kms.keys.get(key.keyId)?.state).toBe('Enabled');
      });
    });
  });
}
