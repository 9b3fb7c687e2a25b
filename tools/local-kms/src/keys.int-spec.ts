import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  KMSClient,
  DeleteAliasCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
} from '@aws-sdk/client-kms';
import { startLocalKms, type RunningKms } from './index';

const ACCOUNT = '000000000000';
const DAY_MS = 86_400_000;

describe('local-kms keys, aliases and tags through @aws-sdk/client-kms', () => {
  let kms: RunningKms;
  let client: KMSClient;
  let clock = new Date('2026-03-01T12:00:00.000Z');

  beforeAll(async () => {
    kms = await startLocalKms({ now: () => clock });
    client = new KMSClient({
      endpoint: kms.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    client.destroy();
    await kms.stop();
  });

  async function newKeyId(description = 'test key'): Promise<string> {
    const { KeyMetadata } = await client.send(new CreateKeyCommand({ Description: description }));
    return KeyMetadata?.KeyId ?? '';
  }

  it('creates a symmetric key with the metadata KMS returns', async () => {
    const { KeyMetadata } = await client.send(
      new CreateKeyCommand({
        Description: 'file keys',
        Tags: [{ TagKey: 'app', TagValue: 'enclave' }],
      }),
    );
    const keyId = KeyMetadata?.KeyId ?? '';
    expect(keyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(KeyMetadata).toEqual(
      expect.objectContaining({
        AWSAccountId: ACCOUNT,
        Arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}`,
        CreationDate: clock,
        Enabled: true,
        Description: 'file keys',
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeyState: 'Enabled',
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyManager: 'CUSTOMER',
        Origin: 'AWS_KMS',
      }),
    );
    expect(KeyMetadata?.DeletionDate).toBeUndefined();
    const tags = await client.send(new ListResourceTagsCommand({ KeyId: keyId }));
    expect(tags.Tags).toEqual([{ TagKey: 'app', TagValue: 'enclave' }]);
    expect(kms.keys().find((key) => key.KeyId === keyId)).toMatchObject({
      Description: 'file keys',
      KeyState: 'Enabled',
      Tags: [{ TagKey: 'app', TagValue: 'enclave' }],
    });
  });

  it('refuses key specs it does not hold with UnsupportedOperationException', async () => {
    await expect(
      client.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' })),
    ).rejects.toMatchObject({ name: 'UnsupportedOperationException' });
  });

  it('describes a key by id, key ARN, alias name and alias ARN', async () => {
    const keyId = await newKeyId();
    await client.send(
      new CreateAliasCommand({ AliasName: 'alias/describe-me', TargetKeyId: keyId }),
    );
    for (const reference of [
      keyId,
      `arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}`,
      'alias/describe-me',
      `arn:aws:kms:us-east-1:${ACCOUNT}:alias/describe-me`,
    ]) {
      const { KeyMetadata } = await client.send(new DescribeKeyCommand({ KeyId: reference }));
      expect(KeyMetadata?.KeyId).toBe(keyId);
    }
  });

  it('answers NotFoundException for an unknown key or alias', async () => {
    for (const reference of ['3f1b1c3e-0000-4000-8000-000000000000', 'alias/nobody']) {
      await expect(client.send(new DescribeKeyCommand({ KeyId: reference }))).rejects.toMatchObject(
        {
          name: 'NotFoundException',
          $metadata: { httpStatusCode: 400 },
        },
      );
    }
  });

  it('answers ValidationException for a missing KeyId', async () => {
    await expect(client.send(new DescribeKeyCommand({ KeyId: undefined }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('creates aliases once, only under alias/ but not alias/aws/, and only for existing keys', async () => {
    const keyId = await newKeyId();
    await client.send(new CreateAliasCommand({ AliasName: 'alias/once', TargetKeyId: keyId }));
    await expect(
      client.send(new CreateAliasCommand({ AliasName: 'alias/once', TargetKeyId: keyId })),
    ).rejects.toMatchObject({ name: 'AlreadyExistsException' });
    for (const name of ['once-without-prefix', 'alias/aws/s3']) {
      await expect(
        client.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: keyId })),
      ).rejects.toMatchObject({ name: 'ValidationException' });
    }
    await expect(
      client.send(
        new CreateAliasCommand({
          AliasName: 'alias/orphan',
          TargetKeyId: '3f1b1c3e-0000-4000-8000-000000000000',
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  it('lists aliases of one key, page by page', async () => {
    const keyId = await newKeyId();
    const names = ['alias/page-a', 'alias/page-b', 'alias/page-c'];
    for (const name of names)
      await client.send(new CreateAliasCommand({ AliasName: name, TargetKeyId: keyId }));

    const first = await client.send(new ListAliasesCommand({ KeyId: keyId, Limit: 2 }));
    expect(first.Truncated).toBe(true);
    expect(first.Aliases).toEqual([
      expect.objectContaining({
        AliasName: 'alias/page-a',
        AliasArn: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/page-a`,
        TargetKeyId: keyId,
      }),
      expect.objectContaining({ AliasName: 'alias/page-b', TargetKeyId: keyId }),
    ]);
    const second = await client.send(
      new ListAliasesCommand({ KeyId: keyId, Limit: 2, Marker: first.NextMarker }),
    );
    expect(second.Truncated).toBe(false);
    expect(second.NextMarker).toBeUndefined();
    expect(second.Aliases?.map((alias) => alias.AliasName)).toEqual(['alias/page-c']);

    const all = await client.send(new ListAliasesCommand({}));
    expect(all.Aliases?.map((alias) => alias.AliasName)).toEqual(expect.arrayContaining(names));
  });

  it('tags a key, replacing the value of a tag key it already has', async () => {
    const keyId = await newKeyId();
    await client.send(
      new TagResourceCommand({
        KeyId: keyId,
        Tags: [
          { TagKey: 'env', TagValue: 'dev' },
          { TagKey: 'team', TagValue: 'files' },
        ],
      }),
    );
    await client.send(
      new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: 'env', TagValue: 'test' }] }),
    );
    const { Tags, Truncated } = await client.send(new ListResourceTagsCommand({ KeyId: keyId }));
    expect(Truncated).toBe(false);
    expect(Tags).toEqual([
      { TagKey: 'env', TagValue: 'test' },
      { TagKey: 'team', TagValue: 'files' },
    ]);
  });

  it('disables and enables a key', async () => {
    const keyId = await newKeyId();
    await client.send(new DisableKeyCommand({ KeyId: keyId }));
    const disabled = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(disabled.KeyMetadata).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    await client.send(new EnableKeyCommand({ KeyId: keyId }));
    const enabled = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(enabled.KeyMetadata).toMatchObject({ KeyState: 'Enabled', Enabled: true });
  });

  it('schedules deletion 30 days out by default, and a cancelled deletion leaves the key Disabled', async () => {
    const keyId = await newKeyId();
    const scheduled = await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId }));
    expect(scheduled).toMatchObject({
      KeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}`,
      KeyState: 'PendingDeletion',
      PendingWindowInDays: 30,
      DeletionDate: new Date(clock.getTime() + 30 * DAY_MS),
    });
    const pending = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(pending.KeyMetadata).toMatchObject({
      KeyState: 'PendingDeletion',
      Enabled: false,
      DeletionDate: scheduled.DeletionDate,
    });

    const cancelled = await client.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
    expect(cancelled.KeyId).toBe(`arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}`);
    const after = await client.send(new DescribeKeyCommand({ KeyId: keyId }));
    expect(after.KeyMetadata).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    expect(after.KeyMetadata?.DeletionDate).toBeUndefined();
  });

  it('takes a pending window of 7 to 30 days only', async () => {
    const keyId = await newKeyId();
    for (const days of [6, 31]) {
      await expect(
        client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: days })),
      ).rejects.toMatchObject({ name: 'ValidationException' });
    }
    const scheduled = await client.send(
      new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }),
    );
    expect(scheduled.DeletionDate).toEqual(new Date(clock.getTime() + 7 * DAY_MS));
  });

  it('answers KMSInvalidStateException for changes a key pending deletion does not allow', async () => {
    const keyId = await newKeyId();
    await expect(client.send(new CancelKeyDeletionCommand({ KeyId: keyId }))).rejects.toMatchObject(
      { name: 'KMSInvalidStateException' },
    );
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    for (const command of [
      new ScheduleKeyDeletionCommand({ KeyId: keyId }),
      new DisableKeyCommand({ KeyId: keyId }),
      new EnableKeyCommand({ KeyId: keyId }),
    ]) {
      await expect(client.send(command)).rejects.toMatchObject({
        name: 'KMSInvalidStateException',
      });
    }
  });

  it('deletes a key and its aliases once the pending window has passed', async () => {
    const keyId = await newKeyId();
    await client.send(new CreateAliasCommand({ AliasName: 'alias/doomed', TargetKeyId: keyId }));
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    clock = new Date(clock.getTime() + 7 * DAY_MS);
    await expect(client.send(new DescribeKeyCommand({ KeyId: keyId }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
    const { Aliases } = await client.send(new ListAliasesCommand({}));
    expect(Aliases?.map((alias) => alias.AliasName)).not.toContain('alias/doomed');
    expect(kms.keys().map((key) => key.KeyId)).not.toContain(keyId);
  });

  it('lists every key in any state, page by page', async () => {
    const ids = [await newKeyId(), await newKeyId(), await newKeyId()];
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: ids[1], PendingWindowInDays: 7 }));

    const first = await client.send(new ListKeysCommand({ Limit: 2 }));
    expect(first.Truncated).toBe(true);
    expect(first.Keys?.[0]?.KeyArn).toBe(
      `arn:aws:kms:us-east-1:${ACCOUNT}:key/${first.Keys?.[0]?.KeyId}`,
    );
    const listed = [...(first.Keys ?? [])];
    let marker = first.NextMarker;
    while (marker) {
      const page = await client.send(new ListKeysCommand({ Limit: 2, Marker: marker }));
      expect(page.Keys?.length).toBeLessThanOrEqual(2);
      listed.push(...(page.Keys ?? []));
      marker = page.NextMarker;
    }
    expect(listed.map((key) => key.KeyId)).toEqual(kms.keys().map((key) => key.KeyId));
    expect(listed.map((key) => key.KeyId)).toEqual(expect.arrayContaining(ids));
  });

  it('deletes an alias but not its key, and answers NotFound for one not there', async () => {
    const keyId = await newKeyId();
    await client.send(new CreateAliasCommand({ AliasName: 'alias/goes', TargetKeyId: keyId }));
    await client.send(new DeleteAliasCommand({ AliasName: 'alias/goes' }));

    const { Aliases } = await client.send(new ListAliasesCommand({}));
    expect(Aliases?.map((alias) => alias.AliasName)).not.toContain('alias/goes');
    expect(kms.keys().find((key) => key.KeyId === keyId)?.KeyState).toBe('Enabled');
    await expect(
      client.send(new DeleteAliasCommand({ AliasName: 'alias/goes' })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(
      client.send(new DeleteAliasCommand({ AliasName: 'alias/aws/s3' })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
