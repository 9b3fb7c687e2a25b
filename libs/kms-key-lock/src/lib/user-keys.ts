import { randomUUID } from 'node:crypto';
import { DependencyUnavailable, DomainError } from '@enclave/errors';
import { LRUCache } from 'lru-cache';
import { KmsKeyStateInvalid, UserKeyShredded } from './key-errors';
import type { KeyManagement } from './key-management';
import type { KeyRow, KeyRows, Lease } from './key-rows';
import { KEY_DELETION_WINDOW_DAYS, type UserKey, userKeyAlias } from './user-key';

export interface UserKeysOptions {
  /** Names the aliases and tags the keys, so stages sharing an account never meet. */
  stage: string;
  /** How long a creator holds its claim; a creator that dies is taken over after it. Default 30. */
  leaseSeconds?: number;
  /** How long a caller waits for another's creation before answering 503. Default 10 000. */
  waitMs?: number;
  /** Users whose key this process remembers. Default 10 000. */
  cacheSize?: number;
  /**
   * How long a remembered key is used before its row is read again (one GetItem, no KMS call).
   * A shred in another process then stops this one signing the disabled key within this time.
   * Default 60.
   */
  cacheSeconds?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); spreads the waiters' polls. */
  random?: () => number;
}

/** Where beginShred leaves a user: their row, SHREDDING or SHREDDED, or 'none' (never had a key). */
export type ShredStart = KeyRow | 'none';

const FIRST_POLL_MS = 50;
const LONGEST_POLL_MS = 1000;

/**
 * Resolves each user's KMS key, creating it exactly once however many processes ask at the same
 * time: the keys table's conditional writes elect one creator (a lease), everyone else waits for
 * its READY row, and a creator that dies is taken over once its lease ends. KMS's alias is the
 * record of a key created before such a death, so a taker adopts it instead of making another.
 */
export class UserKeys {
  private readonly leaseMs: number;
  private readonly waitMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  // A READY key never changes until a shred: this process evicts it then, others re-read the
  // row once their copy is cacheSeconds old.
  private readonly cache: LRUCache<string, { key: UserKey; until: number }>;
  private readonly cacheMs: number;
  private readonly inFlight = new Map<string, Promise<UserKey>>();

  constructor(
    private readonly rows: KeyRows,
    private readonly keys: KeyManagement,
    private readonly options: UserKeysOptions,
  ) {
    this.leaseMs = (options.leaseSeconds ?? 30) * 1000;
    this.waitMs = options.waitMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.cache = new LRUCache({ max: options.cacheSize ?? 10_000 });
    this.cacheMs = (options.cacheSeconds ?? 60) * 1000;
  }

  /**
   * The user's key, created on first use. DependencyUnavailable('KMS') when KMS is down or
   * another caller's creation is still under way after waitMs (answer 503 with its
   * retryAfterSeconds); UserKeyShredded once the user's key was destroyed.
   */
  keyFor(userId: string): Promise<UserKey> {
    const cached = this.cache.get(userId);
    if (cached && cached.until > this.now()) return Promise.resolve(cached.key);
    // Callers in this process share one resolution: one row read, at most one creation.
    let resolving = this.inFlight.get(userId);
    if (!resolving) {
      resolving = this.resolve(userId).finally(() => this.inFlight.delete(userId));
      this.inFlight.set(userId, resolving);
    }
    return resolving;
  }

  /** The user's key row as it is; never creates one. */
  status(userId: string): Promise<KeyRow | undefined> {
    return this.rows.get(userId);
  }

  /**
   * First step of a shred: READY → SHREDDING, after which keyFor refuses the user. Repeating it
   * answers the row as it stands. A key still being created is first waited for (or taken over),
   * so no creation can finish after the shred began.
   */
  async beginShred(userId: string): Promise<ShredStart> {
    this.cache.delete(userId);
    for (;;) {
      const row = await this.rows.get(userId);
      if (!row) return 'none';
      switch (row.state) {
        case 'SHREDDING':
        case 'SHREDDED':
          return row;
        case 'CREATING':
          await this.keyFor(userId).catch((error: unknown) => {
            if (!(error instanceof UserKeyShredded)) throw error;
          });
          this.cache.delete(userId);
          break;
        case 'READY':
          if (await this.rows.markShredding(userId)) return { ...row, state: 'SHREDDING' };
          break;
      }
    }
  }

  /**
   * Disables the key and schedules its deletion (the shortest window KMS allows); returns when
   * KMS deletes it. Repeating it answers the date already set.
   */
  async disableAndScheduleDeletion(keyId: string): Promise<Date> {
    try {
      await this.keys.disableKey(keyId);
    } catch (error) {
      // Already pending deletion, from an earlier run of this step.
      if (!(error instanceof KmsKeyStateInvalid)) throw error;
    }
    try {
      return (await this.keys.scheduleKeyDeletion(keyId, KEY_DELETION_WINDOW_DAYS)).deletionDate;
    } catch (error) {
      if (!(error instanceof KmsKeyStateInvalid)) throw error;
      const pending = await this.keys.describeKey(keyId);
      if (pending?.state !== 'PendingDeletion' || !pending.deletionDate) throw error;
      return pending.deletionDate;
    }
  }

  /** Last step of a shred: SHREDDING → SHREDDED. Repeating it keeps the first record. */
  async finishShred(userId: string, deletionDate: Date): Promise<KeyRow> {
    this.cache.delete(userId);
    const shreddedAt = new Date(this.now()).toISOString();
    await this.rows.markShredded(userId, deletionDate.toISOString(), shreddedAt);
    const row = await this.rows.get(userId);
    if (row?.state !== 'SHREDDED')
      throw new Error(
        `finishShred: user ${userId} is ${row?.state ?? 'unknown'}; beginShred first`,
      );
    return row;
  }

  private async resolve(userId: string): Promise<UserKey> {
    const deadline = this.now() + this.waitMs;
    for (let polls = 0; ;) {
      const row = await this.rows.get(userId);
      if (!row) {
        const lease = this.newLease();
        if (await this.rows.claim(userId, lease)) {
          const key = await this.create(userId, lease, { adoptFirst: false });
          if (key) return this.remember(userId, key);
        }
        continue;
      }
      switch (row.state) {
        case 'READY':
          return this.remember(userId, readyKey(row));
        case 'SHREDDING':
        case 'SHREDDED':
          throw new UserKeyShredded(userId);
        case 'CREATING':
          break;
      }
      if ((row.lease_until ?? 0) < this.now()) {
        // Its creator died (or stalled) holding the lease; it may have made the key already.
        const lease = this.newLease();
        if (await this.rows.takeOver(userId, row.lease_id ?? '', lease, this.now())) {
          const key = await this.create(userId, lease, { adoptFirst: true });
          if (key) return this.remember(userId, key);
        }
        continue;
      }
      const left = deadline - this.now();
      if (left <= 0) {
        const leaseLeft = (row.lease_until ?? 0) - this.now();
        throw new DependencyUnavailable('KMS', undefined, Math.max(1, Math.ceil(leaseLeft / 1000)));
      }
      await this.sleep(Math.min(left, this.pollDelay(polls++)));
    }
  }

  /**
   * Makes (or, after a takeover, first looks for) the key under `lease` and records it. Undefined
   * when the lease was lost meanwhile (its taker adopts the same key through the alias).
   */
  private async create(
    userId: string,
    lease: Lease,
    { adoptFirst }: { adoptFirst: boolean },
  ): Promise<UserKey | undefined> {
    const alias = userKeyAlias(this.options.stage, userId);
    let created: UserKey | undefined;
    try {
      const adopted = adoptFirst ? await this.keys.describeKey(alias) : undefined;
      let key: UserKey;
      if (adopted) key = { keyId: adopted.keyId, arn: adopted.arn };
      else {
        created = await this.keys.createKey({ userId, stage: this.options.stage });
        key = await this.aliasOrAdopt(alias, created);
      }
      const ready = await this.rows.markReady(
        userId,
        lease.leaseId,
        key,
        new Date(this.now()).toISOString(),
      );
      return ready ? key : undefined;
    } catch (error) {
      // A failure KMS or DynamoDB reported: let the next caller start afresh instead of waiting
      // out the lease. Anything else (a bug, a dying process) leaves the lease to expire.
      if (error instanceof DomainError) await this.giveUp(userId, lease, alias, created);
      throw error;
    }
  }

  /** The alias's key: `created` when the alias is new, else the one it names (created goes). */
  private async aliasOrAdopt(alias: string, created: UserKey): Promise<UserKey> {
    if ((await this.keys.createAlias(alias, created.keyId)) === 'created') return created;
    const named = await this.keys.describeKey(alias);
    if (!named)
      throw new DependencyUnavailable('KMS', new Error(`${alias} exists but names no key`));
    if (named.keyId !== created.keyId)
      await this.keys.scheduleKeyDeletion(created.keyId, KEY_DELETION_WINDOW_DAYS);
    return { keyId: named.keyId, arn: named.arn };
  }

  /**
   * Best effort, after a failed creation: delete a key made here that no alias names (or it
   * stays an orphan), and release the lease. A key the alias names is kept for the next caller
   * to adopt; so is one whose alias cannot be looked up, as deleting a key in use is worse.
   */
  private async giveUp(
    userId: string,
    lease: Lease,
    alias: string,
    created: UserKey | undefined,
  ): Promise<void> {
    try {
      if (created) {
        const named = await this.keys.describeKey(alias);
        if (named?.keyId !== created.keyId)
          await this.keys.scheduleKeyDeletion(created.keyId, KEY_DELETION_WINDOW_DAYS);
      }
    } catch {
      // Still down: the key stays, tagged with its user, for a sweep.
    }
    await this.rows.release(userId, lease.leaseId).catch(() => false);
  }

  private newLease(): Lease {
    return { leaseId: randomUUID(), leaseUntil: this.now() + this.leaseMs };
  }

  /** Exponential, with half of it random, so waiters on many Lambdas do not poll in step. */
  private pollDelay(polls: number): number {
    const ceiling = Math.min(LONGEST_POLL_MS, FIRST_POLL_MS * 2 ** polls);
    return ceiling / 2 + (this.random() * ceiling) / 2;
  }

  private remember(userId: string, key: UserKey): UserKey {
    this.cache.set(userId, { key, until: this.now() + this.cacheMs });
    return key;
  }
}

function readyKey(row: KeyRow): UserKey {
  if (!row.key_id || !row.key_arn)
    throw new Error(`the key row of user ${row.user_id} is READY without a key`);
  return { keyId: row.key_id, arn: row.key_arn };
}
