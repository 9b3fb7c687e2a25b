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

export const SHARES_BY_OWNER_INDEX = 'shares_by_owner';
export const SHARES_BY_FILE_INDEX = 'shares_by_file';

/**
 * What listings read from the shares indexes: the log, the password hash and the message stay
 * in the table, so a page of shares stays small however much a share was used.
 */
export const SHARE_SUMMARY_ATTRIBUTES = [
  'share_id',
  'user_id',
  'file_id',
  'file_ref',
  'file_name',
  'kind',
  'recipient',
  'shared_by',
  'created_at',
  'expires_at',
  'max_downloads',
  'downloads',
  'password_protected',
  'revoked_at',
  'revoked_because',
  'last_access_at',
  'delivery',
  'purge_at',
];

/**
 * The shares table: pk the SHA-256 of the share token, so resolving a link is one GetItem;
 * indexes by owner and by file (sorted by the time-ordered share_id) for listings. It also holds
 * the per-user e-mail quota counters (pk `email-quota#…`, which no index sees).
 */
export function sharesTableDefinition(tableName: string): CreateTableCommandInput {
  const byShareId = (indexName: string, hashKey: string) => ({
    IndexName: indexName,
    KeySchema: [
      { AttributeName: hashKey, KeyType: 'HASH' as const },
      { AttributeName: 'share_id', KeyType: 'RANGE' as const },
    ],
    Projection: {
      ProjectionType: 'INCLUDE' as const,
      NonKeyAttributes: SHARE_SUMMARY_ATTRIBUTES.filter((a) => a !== hashKey && a !== 'share_id'),
    },
  });
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'token_hash', AttributeType: 'S' },
      { AttributeName: 'user_id', AttributeType: 'S' },
      { AttributeName: 'file_ref', AttributeType: 'S' },
      { AttributeName: 'share_id', AttributeType: 'S' },
    ],
    KeySchema: [{ AttributeName: 'token_hash', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      byShareId(SHARES_BY_OWNER_INDEX, 'user_id'),
      byShareId(SHARES_BY_FILE_INDEX, 'file_ref'),
    ],
  };
}

/**
 * The keys table: one row per user whose per-user KMS key exists or is being made (pk user_id),
 * the lock libs/kms-key-lock creates each key exactly once under.
 */
export function keysTableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'user_id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'user_id', KeyType: 'HASH' }],
  };
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
