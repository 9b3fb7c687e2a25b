import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { localDynamoClient } from './clients';
import { copyItems } from './dynamo-copy';

export interface EnsureTablesOptions {
  endpoint: string;
  /** Definitions come from the owner of each table (e.g. filesTableDefinition in @enclave/metadata). */
  tables: CreateTableCommandInput[];
  /** How long to wait for a table to become ACTIVE; default 30 s. */
  timeoutMs?: number;
}

/**
 * Creates every missing table and waits until each one is ACTIVE. An existing table is left as it
 * is, except that one lacking a global secondary index its definition names (a table made by an
 * earlier version, kept in `.enclave/`) is rebuilt with it, items and all: dynalite accepts
 * UpdateTable's GlobalSecondaryIndexUpdates.Create but silently ignores it, so the index cannot
 * be added in place as on AWS. The rebuild goes through a staging table and resumes where it
 * stopped if the process dies half-way.
 */
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
      const staging = stagingName(name);
      const existing = await describe(dynamo, name);
      if ((await describe(dynamo, staging)) !== undefined || lacksIndexes(existing, table)) {
        await rebuild(dynamo, table, { name, staging, timeoutMs });
      } else if (existing === undefined) {
        await create(dynamo, table);
      }
      await waitUntilActive(dynamo, name, timeoutMs);
    }
  } finally {
    dynamo.destroy();
  }
}

/** Where a rebuild keeps the items while the table is recreated. */
export function stagingName(tableName: string): string {
  return `${tableName}.upgrading`;
}

/**
 * Every step can be repeated: copy the table into a staging table made from the new definition
 * (unless the table is gone, then that copy is complete), drop the table, create it anew, copy
 * the items back, drop the staging table.
 */
async function rebuild(
  dynamo: DynamoDBClient,
  table: CreateTableCommandInput,
  { name, staging, timeoutMs }: { name: string; staging: string; timeoutMs: number },
): Promise<void> {
  let current = await describe(dynamo, name);
  if (current !== undefined && lacksIndexes(current, table)) {
    await create(dynamo, { ...table, TableName: staging });
    await waitUntilActive(dynamo, name, timeoutMs);
    await waitUntilActive(dynamo, staging, timeoutMs);
    await copyItems(dynamo, name, staging);
    await drop(dynamo, name, timeoutMs);
    current = undefined;
  }
  if (current === undefined) await create(dynamo, table);
  await waitUntilActive(dynamo, name, timeoutMs);
  await waitUntilActive(dynamo, staging, timeoutMs);
  await copyItems(dynamo, staging, name);
  await drop(dynamo, staging, timeoutMs);
}

function lacksIndexes(
  existing: TableDescription | undefined,
  table: CreateTableCommandInput,
): boolean {
  if (existing === undefined) return false;
  const have = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  return (table.GlobalSecondaryIndexes ?? []).some((index) => !have.has(index.IndexName));
}

async function create(dynamo: DynamoDBClient, table: CreateTableCommandInput): Promise<void> {
  try {
    await dynamo.send(new CreateTableCommand(table));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}

async function drop(dynamo: DynamoDBClient, name: string, timeoutMs: number): Promise<void> {
  try {
    await dynamo.send(new DeleteTableCommand({ TableName: name }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await waitFor(dynamo, name, timeoutMs, (status) => status === undefined);
}

async function describe(
  dynamo: DynamoDBClient,
  name: string,
): Promise<TableDescription | undefined> {
  try {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: name }));
    return Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

function waitUntilActive(dynamo: DynamoDBClient, name: string, timeoutMs: number): Promise<void> {
  return waitFor(dynamo, name, timeoutMs, (status) => status === 'ACTIVE');
}

// The SDK's waiter polls no faster than once a second; dynalite takes ~0.5 s, so poll briskly.
async function waitFor(
  dynamo: DynamoDBClient,
  name: string,
  timeoutMs: number,
  done: (status: string | undefined) => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await describe(dynamo, name))?.TableStatus;
    if (done(status)) return;
    if (Date.now() > deadline)
      throw new Error(`table ${name} is still ${status ?? 'missing'} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
