import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { localDynamoClient } from './clients';

export interface EnsureTablesOptions {
  endpoint: string;
  /** Definitions come from the owner of each table (e.g. filesTableDefinition in @enclave/metadata). */
  tables: CreateTableCommandInput[];
  /** How long to wait for a table to become ACTIVE; default 30 s. */
  timeoutMs?: number;
}

/** Creates every missing table and waits until each one is ACTIVE; existing tables are left as they are. */
export async function ensureTables({
  endpoint,
  tables,
  timeoutMs = 30_000,
}: EnsureTablesOptions): Promise<void> {
  const dynamo = localDynamoClient(endpoint);
  try {
    for (const table of tables) {
      const name = table.TableName;
      if (!name) throw new Error('ensureTables: every table definition needs a TableName');
      if ((await tableStatus(dynamo, name)) === undefined) {
        try {
          await dynamo.send(new CreateTableCommand(table));
        } catch (error) {
          if (!(error instanceof ResourceInUseException)) throw error;
        }
      }
      await waitUntilActive(dynamo, name, timeoutMs);
    }
  } finally {
    dynamo.destroy();
  }
}

async function tableStatus(dynamo: DynamoDBClient, name: string): Promise<string | undefined> {
  try {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: name }));
    return Table?.TableStatus;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

// The SDK's waiter polls no faster than once a second; dynalite takes ~0.5 s, so poll briskly.
async function waitUntilActive(
  dynamo: DynamoDBClient,
  name: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await tableStatus(dynamo, name);
    if (status === 'ACTIVE') return;
    if (Date.now() > deadline)
      throw new Error(`table ${name} is still ${status ?? 'missing'} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
