import {
  type AttributeValue,
  DeleteItemCommand,
  DescribeTableCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { localDynamoClient } from './clients';

export interface ExpireItemsOptions {
  endpoint: string;
  table: string;
  /** The table's TTL attribute (epoch seconds). */
  attribute: string;
  nowSeconds: number;
}

/**
 * One pass of DynamoDB's TTL, which dynalite lacks: deletes every item whose `attribute` is a
 * number ≤ `nowSeconds`. Tests use it to show that TTL, whenever it runs, removes nothing that
 * is still needed. Returns how many items it deleted.
 */
export async function expireItems({
  endpoint,
  table,
  attribute,
  nowSeconds,
}: ExpireItemsOptions): Promise<number> {
  const dynamo = localDynamoClient(endpoint);
  try {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: table }));
    const keyNames = (Table?.KeySchema ?? []).map((key) => key.AttributeName as string);
    let deleted = 0;
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await dynamo.send(
        new ScanCommand({
          TableName: table,
          FilterExpression: '#ttl <= :now',
          ExpressionAttributeNames: { '#ttl': attribute },
          ExpressionAttributeValues: { ':now': { N: String(nowSeconds) } },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const key = Object.fromEntries(
          keyNames.map((name) => [name, item[name] as AttributeValue]),
        );
        await dynamo.send(new DeleteItemCommand({ TableName: table, Key: key }));
        deleted++;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return deleted;
  } finally {
    dynamo.destroy();
  }
}
