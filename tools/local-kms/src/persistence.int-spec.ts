import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EncryptCommand,
  KMSClient,
  ListAliasesCommand,
  ListResourceTagsCommand,
} from '@aws-sdk/client-kms';
import { startLocalKms, type RunningKms } from './index';

describe('local-kms with a data dir', () => {
  let dataDir: string;
  const started: RunningKms[] = [];
  const clients: KMSClient[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'local-kms-'));
  });

  afterAll(async () => {
    clients.forEach((client) => client.destroy());
    await Promise.all(started.map((kms) => kms.stop()));
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<KMSClient> {
    const kms = await startLocalKms({ dataDir });
    started.push(kms);
    const client = new KMSClient({
      endpoint: kms.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    clients.push(client);
    return client;
  }

  it('keeps keys, their material, states, aliases and tags across a restart', async () => {
    const before = await start();
    const { KeyMetadata } = await before.send(
      new CreateKeyCommand({ Description: 'kept', Tags: [{ TagKey: 'k', TagValue: 'v' }] }),
    );
    const keyId = KeyMetadata?.KeyId ?? '';
    await before.send(new CreateAliasCommand({ AliasName: 'alias/kept', TargetKeyId: keyId }));
    const { CiphertextBlob } = await before.send(
      new EncryptCommand({ KeyId: 'alias/kept', Plaintext: Buffer.from('survives') }),
    );
    const disabled = (await before.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId ?? '';
    await before.send(new DisableKeyCommand({ KeyId: disabled }));
    await started[0]?.stop();

    const after = await start();
    const described = await after.send(new DescribeKeyCommand({ KeyId: 'alias/kept' }));
    expect(described.KeyMetadata).toMatchObject({
      KeyId: keyId,
      Description: 'kept',
      CreationDate: KeyMetadata?.CreationDate,
    });
    const decrypted = await after.send(new DecryptCommand({ CiphertextBlob }));
    expect(Buffer.from(decrypted.Plaintext ?? []).toString()).toBe('survives');
    const aliases = await after.send(new ListAliasesCommand({ KeyId: keyId }));
    expect(aliases.Aliases?.map((alias) => alias.AliasName)).toEqual(['alias/kept']);
    const tags = await after.send(new ListResourceTagsCommand({ KeyId: keyId }));
    expect(tags.Tags).toEqual([{ TagKey: 'k', TagValue: 'v' }]);
    const disabledAfter = await after.send(new DescribeKeyCommand({ KeyId: disabled }));
    expect(disabledAfter.KeyMetadata?.KeyState).toBe('Disabled');
  });

  it('writes one owner-only file and leaves no temporary files behind', async () => {
    expect(await readdir(dataDir)).toEqual(['kms.json']);
    expect((await stat(path.join(dataDir, 'kms.json'))).mode & 0o777).toBe(0o600);
  });

  it('refuses to start on a data file that is not its own', async () => {
    const other = await mkdtemp(path.join(tmpdir(), 'local-kms-bad-'));
    try {
      await writeFile(path.join(other, 'kms.json'), '{"version":2}');
      await expect(startLocalKms({ dataDir: other })).rejects.toThrow(
        /does not hold local-kms data/,
      );
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
