import { DependencyUnavailable } from '@enclave/errors';
import type { KeyRow, KeyRows, Lease } from '../lib/key-rows';
import type { UserKey } from '../lib/user-key';

/**
 * The keys table in memory, with DynamoDB's conditions: the behaviour suite runs against this and
 * against dynalite, so the two cannot drift apart. Every call yields first, as a network call
 * would, so racing callers interleave. `down` fails every call as a DynamoDB outage would.
 */
export class InMemoryKeyRows implements KeyRows {
  readonly rows = new Map<string, KeyRow>();
  down = false;

  async get(userId: string): Promise<KeyRow | undefined> {
    await this.call();
    const row = this.rows.get(userId);
    return row && { ...row };
  }

  async claim(userId: string, lease: Lease): Promise<boolean> {
    await this.call();
    if (this.rows.has(userId)) return false;
    this.rows.set(userId, {
      user_id: userId,
      state: 'CREATING',
      lease_id: lease.leaseId,
      lease_until: lease.leaseUntil,
    });
    return true;
  }

  async takeOver(
    userId: string,
    expiredLeaseId: string,
    lease: Lease,
    now: number,
  ): Promise<boolean> {
    await this.call();
    const row = this.rows.get(userId);
    if (
      row?.state !== 'CREATING' ||
      row.lease_id !== expiredLeaseId ||
      !((row.lease_until ?? Infinity) < now)
    )
      return false;
    this.rows.set(userId, { ...row, lease_id: lease.leaseId, lease_until: lease.leaseUntil });
    return true;
  }

  async markReady(
    userId: string,
    leaseId: string,
    key: UserKey,
    createdAt: string,
  ): Promise<boolean> {
    await this.call();
    const row = this.rows.get(userId);
    if (row?.state !== 'CREATING' || row.lease_id !== leaseId) return false;
    const { lease_id: _lease, lease_until: _until, ...rest } = row;
    this.rows.set(userId, {
      ...rest,
      state: 'READY',
      key_id: key.keyId,
      key_arn: key.arn,
      created_at: createdAt,
    });
    return true;
  }

  async release(userId: string, leaseId: string): Promise<boolean> {
    await this.call();
    const row = this.rows.get(userId);
    if (row?.state !== 'CREATING' || row.lease_id !== leaseId) return false;
    this.rows.delete(userId);
    return true;
  }

  async markShredding(userId: string): Promise<boolean> {
    await this.call();
    const row = this.rows.get(userId);
    if (row?.state !== 'READY') return false;
    this.rows.set(userId, { ...row, state: 'SHREDDING' });
    return true;
  }

  async markShredded(userId: string, deletionDate: string, shreddedAt: string): Promise<boolean> {
    await this.call();
    const row = this.rows.get(userId);
    if (row?.state !== 'SHREDDING') return false;
    this.rows.set(userId, {
      ...row,
      state: 'SHREDDED',
      deletion_date: deletionDate,
      shredded_at: shreddedAt,
    });
    return true;
  }

  private async call(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.down) throw new DependencyUnavailable('DynamoDB');
  }
}
