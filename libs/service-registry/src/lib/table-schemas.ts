/**
 * The shape of every DynamoDB table Enclave's services use: keys, indexes and the TTL attribute,
 * with no SDK or Terraform types. libs/metadata turns it into the CreateTable input the local
 * stack uses, apps/infra into Terraform; both derive from this one description, so what is
 * deployed cannot drift from what the repositories query.
 */

/** DynamoDB's scalar key types: string, number, binary. */
export type KeyAttributeType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  readonly name: string;
  readonly type: KeyAttributeType;
}

/** What an index copies from the table: everything, only the keys, or the keys and these. */
export type IndexProjection =
  | { readonly type: 'ALL' }
  | { readonly type: 'KEYS_ONLY' }
  | { readonly type: 'INCLUDE'; readonly nonKeyAttributes: readonly string[] };

export interface GlobalIndexSchema {
  readonly name: string;
  readonly hashKey: KeyAttribute;
  readonly rangeKey?: KeyAttribute;
  readonly projection: IndexProjection;
}

export interface TableSchema {
  readonly hashKey: KeyAttribute;
  readonly rangeKey?: KeyAttribute;
  readonly globalIndexes: readonly GlobalIndexSchema[];
  /**
   * The attribute DynamoDB's TTL reads (epoch seconds): rows carrying it are removed once it has
   * passed. Absent where no row ever expires.
   */
  readonly ttlAttribute?: string;
}

/** The tables by their role; a deployment gives each its own name. */
export type TableRole = 'files' | 'shares' | 'keys';

/**
 * The sparse index of live files (UPLOADING and READY): only rows carrying `live_file_id` are in
 * it, so a listing reads one page of live files however many tombstones the user has.
 */
export const LIVE_FILES_INDEX = 'live_files';

/**
 * The sparse index of rows the periodic sweep has work on: only rows carrying `sweep_shard` (0..7)
 * and `sweep_at` (epoch seconds, when the work is due) are in it — uploads until their deadline,
 * removals left PENDING, usage rows with a recent reservation to reconcile. The sweep reads it
 * with one query per shard, so its cost follows the work due, not the size of the table.
 */
export const SWEEP_WORK_INDEX = 'sweep_work';

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

const userId: KeyAttribute = { name: 'user_id', type: 'S' };
const shareId: KeyAttribute = { name: 'share_id', type: 'S' };

/** A shares index sorted by the time-ordered share_id, projecting the summary (less its keys). */
function sharesIndex(name: string, hashKey: KeyAttribute): GlobalIndexSchema {
  return {
    name,
    hashKey,
    rangeKey: shareId,
    projection: {
      type: 'INCLUDE',
      nonKeyAttributes: SHARE_SUMMARY_ATTRIBUTES.filter(
        (a) => a !== hashKey.name && a !== shareId.name,
      ),
    },
  };
}

export const TABLE_SCHEMAS: Readonly<Record<TableRole, TableSchema>> = {
  /**
   * One row per file (pk user_id; file_id a UUIDv7, so sorting by it sorts by creation time).
   * TTL takes only rows nobody owns any more (finished tombstones), the only rows the repository
   * gives expires_at;
   * an UPLOADING row's deadline is upload_expires_at, which the sweep reads and TTL does not.
   */
  files: {
    hashKey: userId,
    rangeKey: { name: 'file_id', type: 'S' },
    globalIndexes: [
      {
        name: LIVE_FILES_INDEX,
        hashKey: userId,
        rangeKey: { name: 'live_file_id', type: 'S' },
        // A page of the listing is then one query, with no reads back to the table.
        projection: { type: 'ALL' },
      },
      {
        name: SWEEP_WORK_INDEX,
        hashKey: { name: 'sweep_shard', type: 'N' },
        rangeKey: { name: 'sweep_at', type: 'N' },
        // The sweep removes what it finds (object key, upload id, size) without reading back.
        projection: { type: 'ALL' },
      },
    ],
    ttlAttribute: 'expires_at',
  },
  /**
   * pk the SHA-256 of the share token, so resolving a link is one GetItem; indexes by owner and by
   * file for listings. It also holds the per-user e-mail quota counters (pk `email-quota#…`, which
   * no index sees). A share's expires_at is an ISO-8601 string, which TTL ignores: purge_at
   * (epoch seconds, a while after the share stopped working) is what removes shares and counters.
   */
  shares: {
    hashKey: { name: 'token_hash', type: 'S' },
    globalIndexes: [
      sharesIndex(SHARES_BY_OWNER_INDEX, userId),
      sharesIndex(SHARES_BY_FILE_INDEX, { name: 'file_ref', type: 'S' }),
    ],
    ttlAttribute: 'purge_at',
  },
  /**
   * One row per user whose per-user KMS key exists or is being made (pk user_id), the lock
   * libs/kms-key-lock creates each key exactly once under. Rows never expire: a key outlives
   * any deadline until its user's files are shredded.
   */
  keys: {
    hashKey: userId,
    globalIndexes: [],
  },
};

/** Every attribute a table's keys or its indexes' keys name, once each, with its type. */
export function keyAttributes(schema: TableSchema): KeyAttribute[] {
  const all = [schema.hashKey, schema.rangeKey].concat(
    schema.globalIndexes.flatMap((index) => [index.hashKey, index.rangeKey]),
  );
  const byName = new Map<string, KeyAttribute>();
  for (const attribute of all) if (attribute) byName.set(attribute.name, attribute);
  return [...byName.values()];
}
