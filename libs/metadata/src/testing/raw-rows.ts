import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';

/**
 * Writes a row exactly as given, past every repository rule: a row an earlier version wrote.
 * For specs outside this lib, which may not use the SDK themselves.
 */
export async function putRowAsIs(
  db: DynamoDBDocumentClient,
  table: string,
  item: Record<string, unknown>,
): Promise<void> {
  await db.send(new PutCommand({ TableName: table, Item: item }));
}

/** Deletes a row outright, e.g. the schema marker, to stand for a table an earlier version made. */
export async function deleteRowAsIs(
  db: DynamoDBDocumentClient,
  table: string,
  key: { user_id: string; file_id: string },
): Promise<void> {
  await db.send(new DeleteCommand({ TableName: table, Key: key }));
}

/** Counts the commands of one kind (e.g. 'ScanCommand') the client sends from now on. */
export function countCommands(
  db: DynamoDBDocumentClient,
  commandName: string,
): { readonly count: number } {
  const counter = { count: 0 };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === commandName) counter.count++;
      return next(args);
    },
    { step: 'initialize', name: `count-${commandName}-${Math.random()}` },
  );
  return counter;
}
