import { DependencyUnavailable } from '@enclave/errors';
import { FakeKeyManagement, InMemoryKeyRows, ManualClock } from '../testing';
import { describeUserKeysBehaviour } from '../testing/user-keys.behaviour';
import { userKeyAlias } from './user-key';
import { UserKeys } from './user-keys';

// The in-memory rows that services' unit tests use must behave as the dynalite run shows.
describeUserKeysBehaviour('in-memory rows', async () => {
  const rows = new InMemoryKeyRows();
  return { newRows: () => rows, tearDown: async () => undefined };
});

describe('UserKeys when DynamoDB fails (in-memory rows only: dynalite cannot be made to)', () => {
  it('answers 503 for DynamoDB when the table cannot be read', async () => {
    const rows = new InMemoryKeyRows();
    rows.down = true;
    const kms = new FakeKeyManagement();
    const error = await new UserKeys(rows, kms, { stage: 'test' }).keyFor('u1').catch((e) => e);
    expect(error).toBeInstanceOf(DependencyUnavailable);
    expect(error).toMatchObject({ dependency: 'DynamoDB' });
    expect(kms.calls.createKey).toBe(0);
  });

  it('leaves a CREATING row no longer than its lease when READY cannot be written, then adopts the key', async () => {
    const clock = new ManualClock();
    const rows = new InMemoryKeyRows();
    const kms = new FakeKeyManagement(clock.now);
    const options = { stage: 'test', now: clock.now, sleep: clock.sleep, leaseSeconds: 30 };
    const aliasing = kms.hold('createAlias');
    const failing = new UserKeys(rows, kms, options).keyFor('u2').catch((e) => e);
    await aliasing.reached;
    rows.down = true;
    aliasing.resume();
    expect(await failing).toMatchObject({ dependency: 'DynamoDB' });
    rows.down = false;
    expect(rows.rows.get('u2')).toMatchObject({ state: 'CREATING' });

    clock.advance(30_001);
    const key = await new UserKeys(rows, kms, options).keyFor('u2');
    expect(key.keyId).toBe(kms.aliases.get(userKeyAlias('test', 'u2')));
    expect(kms.calls.createKey).toBe(1);
    expect(rows.rows.get('u2')).toMatchObject({ state: 'READY', key_id: key.keyId });
  });
});
