import {
  BatchWriteItemCommand,
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  type ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDynamoClient } from './clients';
import { startDynamo } from './dynamo';
import { expireItems } from './dynamo-ttl';
import { ensureTables, stagingName } from './ensure-tables';
import type { RunningService } from './running';

// Same shape as the files table; libs/local-stack may not depend on @enclave/metadata.
const table: CreateTableCommandInput = {
  TableName: 'spec-files',
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'user_id', AttributeType: 'S' },
    { AttributeName: 'file_id', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'user_id', KeyType: 'HASH' },
    { AttributeName: 'file_id', KeyType: 'RANGE' },
  ],
};
const key = { user_id: { S: 'u1' }, file_id: { S: 'f1' } };

/** The same table with a sparse index added, as a later version defines it. */
const withIndex = (name: string): CreateTableCommandInput => ({
  ...table,
  TableName: name,
  AttributeDefinitions: [
    ...(table.AttributeDefinitions ?? []),
    { AttributeName: 'live_file_id', AttributeType: 'S' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: 'live_files',
      KeySchema: [
        { AttributeName: 'user_id', KeyType: 'HASH' },
        { AttributeName: 'live_file_id', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    },
  ],
});

/** `count` items for user u1, every other one in the index. More than one scan page's worth. */
async function seed(client: DynamoDBClient, name: string, count: number): Promise<void> {
  const ids = Array.from({ length: count }, (_, n) => `f${String(n).padStart(5, '0')}`);
  for (let i = 0; i < ids.length; i += 25)
    await client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [name]: ids.slice(i, i + 25).map((id, j) => ({
            PutRequest: {
              Item: {
                user_id: { S: 'u1' },
                file_id: { S: id },
                padding: { S: 'x'.repeat(1000) },
                ...((i + j) % 2 ? {} : { live_file_id: { S: id } }),
              },
            },
          })),
        },
      }),
    );
}

async function untilActive(client: DynamoDBClient, name: string): Promise<void> {
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function itemCount(client: DynamoDBClient, name: string): Promise<number> {
  let count = 0;
  let startKey: ScanCommandOutput['LastEvaluatedKey'];
  do {
    const page = await client.send(
      new ScanCommand({ TableName: name, Select: 'COUNT', ExclusiveStartKey: startKey }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}

async function indexedCount(client: DynamoDBClient, name: string): Promise<number> {
  const { Count } = await client.send(
    new QueryCommand({
      TableName: name,
      IndexName: 'live_files',
      KeyConditionExpression: 'user_id = :u',
      ExpressionAttributeValues: { ':u': { S: 'u1' } },
      Select: 'COUNT',
    }),
  );
  return Count ?? 0;
}

describe('startDynamo + ensureTables', () => {
  let dataDir: string;
  const running: RunningService[] = [];
  const start = async (options: { dataDir?: string }): Promise<RunningService> => {
    const service = await startDynamo({ port: 0, ...options });
    running.push(service);
    return service;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'enclave-dynamo-spec-'));
  });

  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps tables and items across a restart on the same dataDir; ensureTables is idempotent', async () => {
    const first = await start({ dataDir });
    await ensureTables({ endpoint: first.endpoint, tables: [table] });
    await ensureTables({ endpoint: first.endpoint, tables: [table] });
    const client = localDynamoClient(first.endpoint);
    await client.send(
      new PutItemCommand({ TableName: 'spec-files', Item: { ...key, file_name: { S: 'a.txt' } } }),
    );
    client.destroy();
    await first.stop();

    const second = await start({ dataDir });
    await ensureTables({ endpoint: second.endpoint, tables: [table] });
    const again = localDynamoClient(second.endpoint);
    const { Item } = await again.send(new GetItemCommand({ TableName: 'spec-files', Key: key }));
    const { TableNames } = await again.send(new ListTablesCommand({}));
    again.destroy();
    expect(Item?.['file_name']).toEqual({ S: 'a.txt' });
    expect(TableNames).toEqual(['spec-files']);
  });

  it('adds a missing index to a table made before it, keeping every item (across a restart)', async () => {
    const upgradeDir = await mkdtemp(join(tmpdir(), 'enclave-dynamo-upgrade-'));
    try {
      const before = await start({ dataDir: upgradeDir });
      await ensureTables({ endpoint: before.endpoint, tables: [{ ...table, TableName: 'old' }] });
      const client = localDynamoClient(before.endpoint);
      await seed(client, 'old', 1200);
      client.destroy();
      await before.stop();

      const after = await start({ dataDir: upgradeDir });
      await ensureTables({ endpoint: after.endpoint, tables: [withIndex('old')] });
      await ensureTables({ endpoint: after.endpoint, tables: [withIndex('old')] });
      const again = localDynamoClient(after.endpoint);
      const { Table } = await again.send(new DescribeTableCommand({ TableName: 'old' }));
      expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual([
        'live_files',
      ]);
      expect(await itemCount(again, 'old')).toBe(1200);
      expect(await indexedCount(again, 'old')).toBe(600);
      const { TableNames } = await again.send(new ListTablesCommand({}));
      expect(TableNames).toEqual(['old']);
      again.destroy();
    } finally {
      await rm(upgradeDir, { recursive: true, force: true });
    }
  });

  it.each([
    ['while copying out', 'staging half-filled, old table intact'],
    ['after dropping the old table', 'only the staging table'],
    ['while copying back', 'new table half-filled, staging full'],
  ])('finishes an upgrade that stopped %s (%s)', async (stoppedAt) => {
    const memory = await start({});
    const client = localDynamoClient(memory.endpoint);
    const name = 'resumed';
    const staging = stagingName(name);
    if (stoppedAt !== 'after dropping the old table') {
      const old =
        stoppedAt === 'while copying out' ? { ...table, TableName: name } : withIndex(name);
      await client.send(new CreateTableCommand(old));
    }
    await client.send(new CreateTableCommand(withIndex(staging)));
    await untilActive(client, staging);
    if (stoppedAt !== 'after dropping the old table') await untilActive(client, name);
    if (stoppedAt === 'while copying out') {
      await seed(client, name, 300);
      await seed(client, staging, 100);
    } else {
      await seed(client, staging, 300);
      if (stoppedAt === 'while copying back') await seed(client, name, 100);
    }

    await ensureTables({ endpoint: memory.endpoint, tables: [withIndex(name)] });
    expect(await itemCount(client, name)).toBe(300);
    expect(await indexedCount(client, name)).toBe(150);
    const { TableNames } = await client.send(new ListTablesCommand({}));
    expect(TableNames).toEqual([name]);
    client.destroy();
  });

  it('runs a TTL pass: deletes exactly the items whose TTL attribute has passed', async () => {
    const memory = await start({});
    await ensureTables({ endpoint: memory.endpoint, tables: [table] });
    const client = localDynamoClient(memory.endpoint);
    const put = (fileId: string, ttl?: number) =>
      client.send(
        new PutItemCommand({
          TableName: 'spec-files',
          Item: {
            user_id: { S: 'u1' },
            file_id: { S: fileId },
            ...(ttl === undefined ? {} : { expires_at: { N: String(ttl) } }),
          },
        }),
      );
    await Promise.all([put('past', 99), put('now', 100), put('later', 101), put('never')]);
    expect(
      await expireItems({
        endpoint: memory.endpoint,
        table: 'spec-files',
        attribute: 'expires_at',
        nowSeconds: 100,
      }),
    ).toBe(2);
    const { Items } = await client.send(new ScanCommand({ TableName: 'spec-files' }));
    client.destroy();
    expect(Items?.map((item) => item['file_id']?.S).sort()).toEqual(['later', 'never']);
  });

  it('keeps nothing without a dataDir', async () => {
    const memory = await start({});
    const client = localDynamoClient(memory.endpoint);
    const { TableNames } = await client.send(new ListTablesCommand({}));
    client.destroy();
    expect(TableNames).toEqual([]);
  });

  it('reports a taken port and releases the data directory', async () => {
    const holder = await start({});
    await expect(startDynamo({ port: holder.port, dataDir })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
    // The directory is not left locked by the failed start.
    const reopened = await start({ dataDir });
    expect(reopened.port).toBeGreaterThan(0);
  });
});
