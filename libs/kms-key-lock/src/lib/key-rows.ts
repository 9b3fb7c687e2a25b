import type { UserKey } from './user-key';

export type KeyState = 'CREATING' | 'READY' | 'SHREDDING' | 'SHREDDED';

/** One row of the keys table (pk user_id). */
export interface KeyRow {
  user_id: string;
  state: KeyState;
  key_id?: string;
  key_arn?: string;
  /** Who is creating the key (CREATING only), and until when (epoch ms). */
  lease_id?: string;
  lease_until?: number;
  /** ISO times. */
  created_at?: string;
  shredded_at?: string;
  deletion_date?: string;
}

/** A claim on creating one user's key, good until `leaseUntil` (epoch ms). */
export interface Lease {
  leaseId: string;
  leaseUntil: number;
}

/**
 * The port over the keys table. Every write is conditional; false means its condition did not
 * hold (someone else got there first), never an error.
 */
export interface KeyRows {
  /** A strongly consistent read. */
  get(userId: string): Promise<KeyRow | undefined>;
  /** No row yet → CREATING under `lease`. */
  claim(userId: string, lease: Lease): Promise<boolean>;
  /** CREATING under `expiredLeaseId`, whose lease ended before `now` → CREATING under `lease`. */
  takeOver(userId: string, expiredLeaseId: string, lease: Lease, now: number): Promise<boolean>;
  /** CREATING under `leaseId` → READY with the key; the lease goes. */
  markReady(userId: string, leaseId: string, key: UserKey, createdAt: string): Promise<boolean>;
  /** Deletes the row while it is CREATING under `leaseId`, so the next caller claims afresh. */
  release(userId: string, leaseId: string): Promise<boolean>;
  /** READY → SHREDDING. */
  markShredding(userId: string): Promise<boolean>;
  /** SHREDDING → SHREDDED, with when the key goes for good. */
  markShredded(userId: string, deletionDate: string, shreddedAt: string): Promise<boolean>;
}
