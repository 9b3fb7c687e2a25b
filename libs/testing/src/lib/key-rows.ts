import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_ACCESS_KEY_ID, LOCAL_SECRET_ACCESS_KEY } from '@enclave/local-stack';
import type { TestStack } from './test-stack';

/**
 * Writes a row of the stack's keys table as it stands, e.g. the CREATING lease of a creator
 * that crashed (specs of the per-user key lock that must not go through the lock).
 */
export async function putKeyRow(stack: TestStack, row: Record<string, unknown>): Promise<void> {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'us-east-1',
      endpoint: stack.dynamodb.endpoint,
      credentials: { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY },
    }),
  );
  try {
    await db.send(new PutCommand({ TableName: stack.keysTable, Item: row }));
  } finally {
    db.destroy();
  }
}
