import {
  type CreateTableCommandInput,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDynamoClient } from './clients';
import { startDynamo } from './dynamo';
import { ensureTables } from './ensure-tables';
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
