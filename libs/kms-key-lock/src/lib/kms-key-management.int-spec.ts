import type { KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DependencyUnavailable } from '@enclave/errors';
import { type RunningKms, startLocalKms } from '@enclave/local-kms';
import {
  ensureTables,
  LOCAL_ACCESS_KEY_ID,
  LOCAL_SECRET_ACCESS_KEY,
  type RunningService,
  startDynamo,
} from '@enclave/local-stack';
import { DynamoKeyRows } from './dynamo-key-rows';
import { KmsKeyStateInvalid } from './key-errors';
import { createKmsClient, KmsKeyManagement } from './kms-key-management';
import { userKeyAlias } from './user-key';
import { UserKeys } from './user-keys';

const credentials = { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY };
const TABLE = 'enclave-test-keys';
const DAY_MS = 86_400_000;

let kmsServer: RunningKms;
let dynamo: RunningService;
const kmsClients: KMSClient[] = [];
const documentClients: DynamoDBDocumentClient[] = [];

function keyManagement(): KmsKeyManagement {
  const client = createKmsClient({
    region: 'us-east-1',
    endpoint: kmsServer.endpoint,
    credentials,
  });
  kmsClients.push(client);
  return new KmsKeyManagement(client);
}

function keyRows(): DynamoKeyRows {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'us-east-1', endpoint: dynamo.endpoint, credentials }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  documentClients.push(client);
  return new DynamoKeyRows(client, TABLE);
}

beforeAll(async () => {
  [kmsServer, dynamo] = await Promise.all([startLocalKms(), startDynamo()]);
  await ensureTables({
    endpoint: dynamo.endpoint,
    tables: [
      {
        TableName: TABLE,
        KeySchema: [{ AttributeName: 'user_id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'user_id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      },
    ],
  });
});

afterAll(async () => {
  for (const client of kmsClients) client.destroy();
  for (const client of documentClients) client.destroy();
  await Promise.all([kmsServer?.stop(), dynamo?.stop()]);
});

afterEach(() => {
  kmsServer.up();
});

describe('KmsKeyManagement, against local KMS', () => {
  it('creates a key tagged and described with its user and stage', async () => {
    const key = await keyManagement().createKey({ userId: 'u-tags', stage: 'test' });
    const made = kmsServer.keys().find((k) => k.KeyId === key.keyId);
    expect(made).toMatchObject({
      Arn: key.arn,
      KeyState: 'Enabled',
      Description: 'Enclave test key of user u-tags',
    });
    expect(made?.Tags).toEqual(
      expect.arrayContaining([
        { TagKey: 'enclave:user_id', TagValue: 'u-tags' },
        { TagKey: 'enclave:stage', TagValue: 'test' },
      ]),
    );
  });

  it('creates an alias once, answers "exists" after, and describes the key through it', async () => {
    const kms = keyManagement();
    const alias = userKeyAlias('test', 'u-alias');
    const key = await kms.createKey({ userId: 'u-alias', stage: 'test' });
    const other = await kms.createKey({ userId: 'u-alias', stage: 'test' });
    expect(await kms.createAlias(alias, key.keyId)).toBe('created');
    expect(await kms.createAlias(alias, other.keyId)).toBe('exists');
    expect(await kms.describeKey(alias)).toMatchObject({ ...key, state: 'Enabled' });
    expect(await kms.describeKey(userKeyAlias('test', 'nobody'))).toBeUndefined();
  });

  it('speaks of a key already pending deletion as KmsKeyStateInvalid; disabling twice is fine', async () => {
    const kms = keyManagement();
    const key = await kms.createKey({ userId: 'u-state', stage: 'test' });
    await kms.disableKey(key.keyId);
    await kms.disableKey(key.keyId);
    const before = Date.now();
    const { deletionDate } = await kms.scheduleKeyDeletion(key.keyId, 7);
    expect(deletionDate.getTime()).toBeGreaterThanOrEqual(before + 7 * DAY_MS - 1000);
    expect(await kms.describeKey(key.keyId)).toMatchObject({
      state: 'PendingDeletion',
      deletionDate,
    });
    expect(await kms.scheduleKeyDeletion(key.keyId, 7).catch((e: unknown) => e)).toBeInstanceOf(
      KmsKeyStateInvalid,
    );
    expect(await kms.disableKey(key.keyId).catch((e: unknown) => e)).toBeInstanceOf(
      KmsKeyStateInvalid,
    );
  });

  it.each(['refuse', 'reset'] as const)(
    'speaks of a KMS that is down (%s) as an outage (503)',
    async (mode) => {
      const kms = keyManagement();
      kmsServer.down(mode);
      const error = await kms.createKey({ userId: 'u-down', stage: 'test' }).catch((e) => e);
      expect(error).toBeInstanceOf(DependencyUnavailable);
      expect(error).toMatchObject({ dependency: 'KMS' });
    },
  );
});

describe('UserKeys over local KMS and dynalite', () => {
  it('creates exactly one KMS key for 25 concurrent callers on 5 Lambdas', async () => {
    const lambdas = Array.from(
      { length: 5 },
      () => new UserKeys(keyRows(), keyManagement(), { stage: 'test' }),
    );
    const before = kmsServer.calls('CreateKey');
    const keys = await Promise.all(
      Array.from({ length: 25 }, (_, i) => lambdas[i % 5].keyFor('u-race')),
    );
    expect(kmsServer.calls('CreateKey') - before).toBe(1);
    expect(new Set(keys.map((key) => key.arn)).size).toBe(1);
    expect(await keyManagement().describeKey(userKeyAlias('test', 'u-race'))).toMatchObject({
      keyId: keys[0].keyId,
    });
  });

  it('shreds a user: the key ends pending deletion, and repeating the step answers the same date', async () => {
    const keys = new UserKeys(keyRows(), keyManagement(), { stage: 'test' });
    const key = await keys.keyFor('u-shred');
    expect(await keys.beginShred('u-shred')).toMatchObject({ state: 'SHREDDING' });
    const date = await keys.disableAndScheduleDeletion(key.keyId);
    expect(await keys.disableAndScheduleDeletion(key.keyId)).toEqual(date);
    expect(await keys.finishShred('u-shred', date)).toMatchObject({
      state: 'SHREDDED',
      deletion_date: date.toISOString(),
    });
    expect(kmsServer.keys().find((k) => k.KeyId === key.keyId)?.KeyState).toBe('PendingDeletion');
  });
});
