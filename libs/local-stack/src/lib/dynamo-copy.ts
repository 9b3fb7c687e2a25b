import {
  type AttributeValue,
  BatchWriteItemCommand,
  type DynamoDBClient,
  ScanCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';

/** BatchWriteItem's limit per call. */
const BATCH = 25;

/**
 * Copies every item of `from` into `to` (same key schema), overwriting what `to` holds under the
 * same keys, so a copy that stopped half-way can simply run again.
 */
export async function copyItems(dynamo: DynamoDBClient, from: string, to: string): Promise<void> {
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({ TableName: from, ExclusiveStartKey: startKey }),
    );
    const items = page.Items ?? [];
    for (let i = 0; i < items.length; i += BATCH)
      await writeAll(
        dynamo,
        to,
        items.slice(i, i + BATCH).map((item) => ({ PutRequest: { Item: item } })),
      );
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** One batch, resending what DynamoDB hands back unprocessed until nothing is left. */
async function writeAll(dynamo: DynamoDBClient, table: string, requests: WriteRequest[]) {
  let pending = requests;
  while (pending.length) {
    const { UnprocessedItems } = await dynamo.send(
      new BatchWriteItemCommand({ RequestItems: { [table]: pending } }),
    );
    pending = UnprocessedItems?.[table] ?? [];
  }
}
