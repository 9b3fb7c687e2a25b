import { CreateAliasCommand, CreateKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { type RunningKms, startLocalKms } from '@enclave/local-kms';
import { LOCAL_ACCESS_KEY_ID, LOCAL_SECRET_ACCESS_KEY } from '@enclave/local-stack';
import { USER_KEY_TAGS, userKeyAlias, userKeyAliasPrefix } from '@enclave/service-registry';
import { cleanupKmsClient } from './kms-client';
import { removeRuntimeKeys } from './remove-runtime-keys';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-03-01T12:00:00.000Z');

describe('removeRuntimeKeys against local-kms', () => {
  let server: RunningKms;
  let kms: KMSClient;

  beforeAll(async () => {
    server = await startLocalKms({ now: () => NOW });
    kms = cleanupKmsClient({
      region: 'us-east-1',
      endpoint: server.endpoint,
      credentials: { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY },
    });
  });

  afterAll(async () => {
    kms.destroy();
    await server.stop();
  });

  /** A user's key as the keys service makes it: tagged with user and stage, then aliased. */
  async function userKey(stage: string, userId: string, { alias = true } = {}): Promise<string> {
    const { KeyMetadata } = await kms.send(
      new CreateKeyCommand({
        Description: `Enclave ${stage} key of user ${userId}`,
        Tags: [
          { TagKey: USER_KEY_TAGS.userId, TagValue: userId },
          { TagKey: USER_KEY_TAGS.stage, TagValue: stage },
        ],
      }),
    );
    const keyId = KeyMetadata?.KeyId ?? '';
    if (alias)
      await kms.send(
        new CreateAliasCommand({ AliasName: userKeyAlias(stage, userId), TargetKeyId: keyId }),
      );
    return keyId;
  }

  const state = (keyId: string) => server.keys().find((key) => key.KeyId === keyId);
  const aliasNames = () => server.keys().flatMap((key) => key.Aliases);

  it("schedules only the stage's user keys for deletion in 7 days and deletes their aliases, and a second run changes nothing", async () => {
    // More keys and aliases than one page of each list (50 aliases, 100 keys), so paging is exercised.
    const doomed = [];
    for (let i = 0; i < 100; i++) doomed.push(await userKey('gone', `u${i}`));
    // A creator that died before aliasing: found by its tags alone.
    const unaliased = await userKey('gone', 'no-alias', { alias: false });
    const kept = [await userKey('stays', 'u1'), await userKey('stays', 'u2')];
    // The stack's own (Terraform-managed) key carries the stage tag but no user: not ours.
    const { KeyMetadata: stackKey } = await kms.send(
      new CreateKeyCommand({ Tags: [{ TagKey: USER_KEY_TAGS.stage, TagValue: 'gone' }] }),
    );

    const report = await removeRuntimeKeys({ kms, stage: 'gone' });

    expect(report).toEqual({ aliasesDeleted: 100, keysScheduled: 101, keysAlreadyPending: 0 });
    for (const keyId of [...doomed, unaliased]) {
      expect(state(keyId)?.KeyState).toBe('PendingDeletion');
      expect(state(keyId)?.DeletionDate).toEqual(new Date(NOW.getTime() + 7 * DAY_MS));
    }
    for (const keyId of [...kept, stackKey?.KeyId ?? ''])
      expect(state(keyId)?.KeyState).toBe('Enabled');
    expect(aliasNames().filter((name) => name.includes(userKeyAliasPrefix('gone')))).toEqual([]);
    expect(aliasNames().filter((name) => name.includes(userKeyAliasPrefix('stays')))).toHaveLength(
      2,
    );

    server.resetCalls();
    const again = await removeRuntimeKeys({ kms, stage: 'gone' });
    expect(again).toEqual({ aliasesDeleted: 0, keysScheduled: 0, keysAlreadyPending: 101 });
    expect(server.calls('DeleteAlias')).toBe(0);
    expect(state(kept[0] ?? '')?.KeyState).toBe('Enabled');
  });

  it('reports nothing for a stage that never made a key', async () => {
    expect(await removeRuntimeKeys({ kms, stage: 'never' })).toEqual({
      aliasesDeleted: 0,
      keysScheduled: 0,
      keysAlreadyPending: 0,
    });
  });
});
