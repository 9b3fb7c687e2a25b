import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DependencyUnavailable } from '@enclave/errors';
import {
  ensureTables,
  freePort,
  LOCAL_ACCESS_KEY_ID,
  LOCAL_SECRET_ACCESS_KEY,
  startDynamo,
} from '@enclave/local-stack';
import { describeUserKeysBehaviour } from '../testing/user-keys.behaviour';
import { DynamoKeyRows } from './dynamo-key-rows';
import { createKmsClient, KmsKeyManagement } from './kms-key-management';

const credentials = { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY };
const TABLE = 'enclave-test-keys';

function documentClient(endpoint: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: 'us-east-1', endpoint, credentials }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
}

describeUserKeysBehaviour('DynamoKeyRows on dynalite', async () => {
  const dynamo = await startDynamo();
  const clients: DynamoDBDocumentClient[] = [];
  // The same shape as the keys table the lead defines in libs/metadata.
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
  return {
    newRows: () => {
      const client = documentClient(dynamo.endpoint);
      clients.push(client);
      return new DynamoKeyRows(client, TABLE);
    },
    tearDown: async () => {
      for (const client of clients) client.destroy();
      await dynamo.stop();
    },
  };
});

describe('adapters when their service does not answer', () => {
  let dead: string;

  beforeAll(async () => {
    dead = `http://127.0.0.1:${await freePort()}`;
  });

  it('speaks of an unreachable KMS as an outage (503), for every call', async () => {
    const kms = createKmsClient({ region: 'us-east-1', endpoint: dead, credentials });
    const keys = new KmsKeyManagement(kms);
    try {
      const calls: (() => Promise<unknown>)[] = [
        () => keys.createKey({ userId: 'u', stage: 'test' }),
        () => keys.createAlias('alias/enclave/test/user/u', 'k'),
        () => keys.describeKey('alias/enclave/test/user/u'),
        () => keys.disableKey('k'),
        () => keys.scheduleKeyDeletion('k', 7),
      ];
      for (const call of calls) {
        const error = await call().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DependencyUnavailable);
        expect(error).toMatchObject({ dependency: 'KMS' });
      }
    } finally {
      kms.destroy();
    }
  });

  it('speaks of an unreachable DynamoDB as an outage (503)', async () => {
    const client = documentClient(dead);
    try {
      const error = await new DynamoKeyRows(client, TABLE).get('u').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DependencyUnavailable);
      expect(error).toMatchObject({ dependency: 'DynamoDB' });
    } finally {
      client.destroy();
    }
  });
});
