import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The sparse index of live files (UPLOADING and READY): only rows carrying `live_file_id` are in
 * it, so a listing reads one page of live files however many tombstones the user has.
 */
export const LIVE_FILES_INDEX = 'live_files';

/**
 * The tables Enclave keeps, as DynamoDB describes them. The local stack creates them from this;
 * apps/infra declares the same keys and index in Terraform.
 */
export function filesTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'user_id', AttributeType: 'S' },
      { AttributeName: 'file_id', AttributeType: 'S' },
      { AttributeName: 'live_file_id', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'user_id', KeyType: 'HASH' },
      // file_id is a UUIDv7: sorting by it sorts by creation time.
      { AttributeName: 'file_id', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: LIVE_FILES_INDEX,
        KeySchema: [
          { AttributeName: 'user_id', KeyType: 'HASH' },
          { AttributeName: 'live_file_id', KeyType: 'RANGE' },
        ],
        // A page of the listing is then one query, with no reads back to the table.
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}

/** Every table Enclave's services use, under the names a deployment gives them. */
export function enclaveTableDefinitions(tables: { files: string }): CreateTableCommandInput[] {
  return [filesTableDefinition(tables.files)];
}
