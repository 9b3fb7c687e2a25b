import {
  CreateKeyCommand,
  DecryptCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  KMSClient,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { startLocalKms, type RunningKms } from './index';

const CONTEXT = { file: 'f-1', owner: 'u-1' };

describe('local-kms cryptography through @aws-sdk/client-kms', () => {
  let kms: RunningKms;
  let client: KMSClient;

  beforeAll(async () => {
    kms = await startLocalKms();
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

  async function newKey(): Promise<{ keyId: string; arn: string }> {
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    return { keyId: KeyMetadata?.KeyId ?? '', arn: KeyMetadata?.Arn ?? '' };
  }

  async function encrypt(keyId: string, text = 'secret'): Promise<Uint8Array> {
    const { CiphertextBlob } = await client.send(
      new EncryptCommand({
        KeyId: keyId,
        Plaintext: Buffer.from(text),
        EncryptionContext: CONTEXT,
      }),
    );
    return CiphertextBlob ?? new Uint8Array();
  }

  /** Encrypt, GenerateDataKey and Decrypt of a blob, each with the key. */
  function usingTheKey(keyId: string, blob: Uint8Array): (() => Promise<unknown>)[] {
    return [
      () => client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from('x') })),
      () => client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256' })),
      () => client.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: CONTEXT })),
    ];
  }

  it('decrypts what it encrypted, without being told the key', async () => {
    const { keyId, arn } = await newKey();
    const encrypted = await client.send(
      new EncryptCommand({
        KeyId: keyId,
        Plaintext: Buffer.from('hello'),
        EncryptionContext: CONTEXT,
      }),
    );
    expect(encrypted.KeyId).toBe(arn);
    expect(Buffer.from(encrypted.CiphertextBlob ?? []).includes(Buffer.from('hello'))).toBe(false);

    const decrypted = await client.send(
      new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: CONTEXT }),
    );
    expect(decrypted.KeyId).toBe(arn);
    expect(Buffer.from(decrypted.Plaintext ?? []).toString()).toBe('hello');
  });

  it('answers IncorrectKeyException when Decrypt names another key', async () => {
    const { keyId } = await newKey();
    const other = await newKey();
    const blob = await encrypt(keyId);
    await expect(
      client.send(
        new DecryptCommand({
          CiphertextBlob: blob,
          EncryptionContext: CONTEXT,
          KeyId: other.keyId,
        }),
      ),
    ).rejects.toMatchObject({ name: 'IncorrectKeyException' });
  });

  it('generates 32-byte data keys that decrypt back to their plaintext', async () => {
    const { keyId, arn } = await newKey();
    const dataKey = await client.send(
      new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: CONTEXT }),
    );
    expect(dataKey.KeyId).toBe(arn);
    expect(dataKey.Plaintext).toHaveLength(32);
    const decrypted = await client.send(
      new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob, EncryptionContext: CONTEXT }),
    );
    expect(Buffer.from(decrypted.Plaintext ?? [])).toEqual(Buffer.from(dataKey.Plaintext ?? []));

    const sized = await client.send(
      new GenerateDataKeyCommand({ KeyId: keyId, NumberOfBytes: 64 }),
    );
    expect(sized.Plaintext).toHaveLength(64);
  });

  it('wants exactly one of KeySpec and NumberOfBytes', async () => {
    const { keyId } = await newKey();
    for (const input of [{}, { KeySpec: 'AES_256' as const, NumberOfBytes: 32 }]) {
      await expect(
        client.send(new GenerateDataKeyCommand({ KeyId: keyId, ...input })),
      ).rejects.toMatchObject({ name: 'ValidationException' });
    }
  });

  it('answers InvalidCiphertextException for a tampered blob or another encryption context', async () => {
    const { keyId } = await newKey();
    const blob = await encrypt(keyId);
    const tampered = Buffer.from(blob);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    for (const input of [
      { CiphertextBlob: tampered, EncryptionContext: CONTEXT },
      { CiphertextBlob: blob, EncryptionContext: { ...CONTEXT, owner: 'u-2' } },
      { CiphertextBlob: blob },
      { CiphertextBlob: Buffer.from('not a blob at all') },
    ]) {
      await expect(client.send(new DecryptCommand(input))).rejects.toMatchObject({
        name: 'InvalidCiphertextException',
      });
    }
  });

  it('answers DisabledException while a key is disabled, and works again once enabled', async () => {
    const { keyId } = await newKey();
    const blob = await encrypt(keyId);
    await client.send(new DisableKeyCommand({ KeyId: keyId }));
    for (const request of usingTheKey(keyId, blob)) {
      await expect(request()).rejects.toMatchObject({ name: 'DisabledException' });
    }
    await client.send(new EnableKeyCommand({ KeyId: keyId }));
    const decrypted = await client.send(
      new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: CONTEXT }),
    );
    expect(Buffer.from(decrypted.Plaintext ?? []).toString()).toBe('secret');
  });

  it('answers KMSInvalidStateException for a key pending deletion', async () => {
    const { keyId } = await newKey();
    const blob = await encrypt(keyId);
    await client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    for (const request of usingTheKey(keyId, blob)) {
      await expect(request()).rejects.toMatchObject({
        name: 'KMSInvalidStateException',
      });
    }
  });

  it('refuses plaintext over 4 KiB with ValidationException', async () => {
    const { keyId } = await newKey();
    await expect(
      client.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.alloc(4097) })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
