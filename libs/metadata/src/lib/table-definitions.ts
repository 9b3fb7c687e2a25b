import type {
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  KeySchemaElement,
  Projection,
} from '@aws-sdk/client-dynamodb';
import {
  type GlobalIndexSchema,
  type IndexProjection,
  type KeyAttribute,
  keyAttributes,
  TABLE_SCHEMAS,
  type TableSchema,
} from '@enclave/service-registry';

// The repositories name the indexes by these; they live with the shared table description.
export {
  LIVE_FILES_INDEX,
  SHARE_SUMMARY_ATTRIBUTES,
  SHARES_BY_FILE_INDEX,
  SHARES_BY_OWNER_INDEX,
  SWEEP_WORK_INDEX,
} from '@enclave/service-registry';

function keySchema(hashKey: KeyAttribute, rangeKey?: KeyAttribute): KeySchemaElement[] {
  const keys: KeySchemaElement[] = [{ AttributeName: hashKey.name, KeyType: 'HASH' }];
  if (rangeKey) keys.push({ AttributeName: rangeKey.name, KeyType: 'RANGE' });
  return keys;
}

function projection(projected: IndexProjection): Projection {
  return projected.type === 'INCLUDE'
    ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...projected.nonKeyAttributes] }
    : { ProjectionType: projected.type };
}

function globalIndex(index: GlobalIndexSchema): GlobalSecondaryIndex {
  return {
    IndexName: index.name,
    KeySchema: keySchema(index.hashKey, index.rangeKey),
    Projection: projection(index.projection),
  };
}

/**
 * A table as DynamoDB's CreateTable describes it, from the shared description apps/infra also
 * declares in Terraform. (TTL is set apart from CreateTable; dynalite
 * lacks it, and tests emulate it with libs/local-stack's expireItems.)
 */
function tableDefinition(tableName: string, schema: TableSchema): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttributes(schema).map((a) => ({
      AttributeName: a.name,
      AttributeType: a.type,
    })),
    KeySchema: keySchema(schema.hashKey, schema.rangeKey),
    ...(schema.globalIndexes.length > 0
      ? { GlobalSecondaryIndexes: schema.globalIndexes.map(globalIndex) }
      : {}),
  };
}

/** The files table: pk user_id, sk file_id, the sparse live-files and sweep-work indexes. */
export function filesTableDefinition(tableName: string): CreateTableCommandInput {
  return tableDefinition(tableName, TABLE_SCHEMAS.files);
}

/** The shares table: pk token_hash, indexes by owner and by file. */
export function sharesTableDefinition(tableName: string): CreateTableCommandInput {
  return tableDefinition(tableName, TABLE_SCHEMAS.shares);
}

/** The keys table: pk user_id, the per-user key lock. */
export function keysTableDefinition(tableName: string): CreateTableCommandInput {
  return tableDefinition(tableName, TABLE_SCHEMAS.keys);
}

/** Every table Enclave's services use, under the names a deployment gives them. */
export function enclaveTableDefinitions(tables: {
  files: string;
  shares: string;
  keys: string;
}): CreateTableCommandInput[] {
  return [
    filesTableDefinition(tables.files),
    sharesTableDefinition(tables.shares),
    keysTableDefinition(tables.keys),
  ];
}
