import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The tables Enclave keeps, as DynamoDB describes them. The local stack creates them from this;
 * apps/infra declares the same keys in Terraform.
 */
export function filesTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'user_id', AttributeType: 'S' },
      { AttributeName: 'file_id', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'user_id', KeyType: 'HASH' },
      // file_id is a UUIDv7: sorting by it sorts by creation time.
      { AttributeName: 'file_id', KeyType: 'RANGE' },
    ],
  };
}

/** Every table Enclave's services use, under the names a deployment gives them. */
export function enclaveTableDefinitions(tables: { files: string }): CreateTableCommandInput[] {
  return [filesTableDefinition(tables.files)];
}
