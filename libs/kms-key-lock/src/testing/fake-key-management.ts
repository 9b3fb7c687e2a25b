import { randomUUID } from 'node:crypto';
import { DependencyUnavailable } from '@enclave/errors';
import { KmsKeyStateInvalid } from '../lib/key-errors';
import type { KeyDescription, KeyManagement } from '../lib/key-management';
import type { UserKey } from '../lib/user-key';

export type KeyManagementStep = keyof KeyManagement;

/** What a test throws to stand for the process dying mid-step: code under test must not catch it. */
export class SimulatedCrash extends Error {
  constructor(readonly step: KeyManagementStep) {
    super(`simulated crash at ${step}`);
    this.name = 'SimulatedCrash';
  }
}

export interface FakeKey extends UserKey {
  state: 'Enabled' | 'Disabled' | 'PendingDeletion';
  description: string;
  tags: Record<string, string>;
  deletionDate?: Date;
}

const STEPS: KeyManagementStep[] = [
  'createKey',
  'createAlias',
  'describeKey',
  'disableKey',
  'scheduleKeyDeletion',
];

/**
 * KMS in memory, with KMS's answers to repeated steps (disabling or scheduling a key pending
 * deletion is KMSInvalidStateException). Counts calls per step; can fail the next calls as an
 * outage, "crash" before or after a step (a call crashed before is not counted), or hold a step until the test lets it go on.
 */
export class FakeKeyManagement implements KeyManagement {
  readonly keys = new Map<string, FakeKey>();
  readonly aliases = new Map<string, string>();
  readonly calls = Object.fromEntries(STEPS.map((step) => [step, 0])) as Record<
    KeyManagementStep,
    number
  >;
  private outages: { step?: KeyManagementStep; left: number }[] = [];
  private crashes: { step: KeyManagementStep; when: 'before' | 'after' }[] = [];
  private holds = new Map<KeyManagementStep, { reach(): void; resumed: Promise<void> }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The next `count` calls (of `step` only, when given) fail as a KMS outage. */
  failNext(count: number, step?: KeyManagementStep): void {
    this.outages.push({ step, left: count });
  }

  /** The next call of `step` throws SimulatedCrash, before or after taking effect. */
  crash(step: KeyManagementStep, when: 'before' | 'after'): void {
    this.crashes.push({ step, when });
  }

  /** The next call of `step` waits until `resume()`; `reached` settles once it is waiting. */
  hold(step: KeyManagementStep): { reached: Promise<void>; resume(): void } {
    let reach = (): void => undefined;
    let resume = (): void => undefined;
    const reached = new Promise<void>((resolve) => (reach = resolve));
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    this.holds.set(step, { reach, resumed });
    return { reached, resume };
  }

  /** A key (and alias) made outside the code under test; not counted. */
  addKey(alias?: string): FakeKey {
    const key = this.make('seeded', {});
    if (alias) this.aliases.set(alias, key.keyId);
    return key;
  }

  async createKey({ userId, stage }: { userId: string; stage: string }): Promise<UserKey> {
    await this.enter('createKey');
    const key = this.make(`Enclave ${stage} key of user ${userId}`, {
      'enclave:user_id': userId,
      'enclave:stage': stage,
    });
    this.leave('createKey');
    return { keyId: key.keyId, arn: key.arn };
  }

  async createAlias(aliasName: string, keyId: string): Promise<'created' | 'exists'> {
    await this.enter('createAlias');
    const exists = this.aliases.has(aliasName);
    if (!exists) this.aliases.set(aliasName, this.existing(keyId).keyId);
    this.leave('createAlias');
    return exists ? 'exists' : 'created';
  }

  async describeKey(keyIdOrAlias: string): Promise<KeyDescription | undefined> {
    await this.enter('describeKey');
    const key = this.find(keyIdOrAlias);
    this.leave('describeKey');
    return (
      key && { keyId: key.keyId, arn: key.arn, state: key.state, deletionDate: key.deletionDate }
    );
  }

  async disableKey(keyId: string): Promise<void> {
    await this.enter('disableKey');
    const key = this.existing(keyId);
    if (key.state === 'PendingDeletion') throw new KmsKeyStateInvalid(keyId);
    key.state = 'Disabled';
    this.leave('disableKey');
  }

  async scheduleKeyDeletion(
    keyId: string,
    pendingWindowInDays: number,
  ): Promise<{ deletionDate: Date }> {
    await this.enter('scheduleKeyDeletion');
    const key = this.existing(keyId);
    if (key.state === 'PendingDeletion') throw new KmsKeyStateInvalid(keyId);
    key.state = 'PendingDeletion';
    key.deletionDate = new Date(this.now() + pendingWindowInDays * 86_400_000);
    this.leave('scheduleKeyDeletion');
    return { deletionDate: key.deletionDate };
  }

  private make(description: string, tags: Record<string, string>): FakeKey {
    const keyId = randomUUID();
    const key: FakeKey = {
      keyId,
      arn: `arn:aws:kms:us-east-1:000000000000:key/${keyId}`,
      state: 'Enabled',
      description,
      tags,
    };
    this.keys.set(keyId, key);
    return key;
  }

  private find(keyIdOrAlias: string): FakeKey | undefined {
    const keyId = this.aliases.get(keyIdOrAlias) ?? keyIdOrAlias.replace(/^arn:.*:key\//, '');
    return this.keys.get(keyId);
  }

  private existing(keyId: string): FakeKey {
    const key = this.find(keyId);
    // KMS answers NotFoundException; an adapter would call that DependencyFailed.
    if (!key) throw new Error(`FakeKeyManagement: no key ${keyId}`);
    return key;
  }

  private async enter(step: KeyManagementStep): Promise<void> {
    // A process that dies before a call never makes it.
    if (this.takeCrash(step, 'before')) throw new SimulatedCrash(step);
    this.calls[step]++;
    // Yield as a network call would, so racing callers interleave.
    await new Promise((resolve) => setImmediate(resolve));
    const hold = this.holds.get(step);
    if (hold) {
      this.holds.delete(step);
      hold.reach();
      await hold.resumed;
    }
    const outage = this.outages.find((o) => o.left > 0 && (o.step ?? step) === step);
    if (outage) {
      outage.left--;
      throw new DependencyUnavailable('KMS', new Error(`simulated outage at ${step}`));
    }
  }

  private leave(step: KeyManagementStep): void {
    if (this.takeCrash(step, 'after')) throw new SimulatedCrash(step);
  }

  private takeCrash(step: KeyManagementStep, when: 'before' | 'after'): boolean {
    const index = this.crashes.findIndex((c) => c.step === step && c.when === when);
    if (index < 0) return false;
    this.crashes.splice(index, 1);
    return true;
  }
}
