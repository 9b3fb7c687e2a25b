import type { DeploySettings } from '../../config/deploy-settings';

type KmsMode = DeploySettings['kms_mode'];
export type TableName = 'files' | 'shares' | 'keys';
export type DynamoAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'Query' | 'Scan';
export type ObjectAction =
  'PutObject' | 'GetObject' | 'DeleteObject' | 'AbortMultipartUpload' | 'ListMultipartUploadParts';

export interface TableGrant {
  actions: readonly DynamoAction[];
  /** It queries the table's global secondary indexes. */
  indexes?: boolean;
  /** Only in these modes (the keys table is read only when users have keys of their own). */
  modes?: readonly KmsMode[];
}

/** What one function's code calls, which its role grants and nothing more. */
export interface FunctionGrants {
  tables: Partial<Record<TableName, TableGrant>>;
  /** Object actions, on `bucket/*` only. */
  objects: readonly ObjectAction[];
  /** s3:ListBucket on the bucket itself (ListObjectsV2). */
  listBucket?: boolean;
  kms: {
    /** It signs uploads with SSE-KMS: S3 asks KMS for a data key as the signer. */
    encrypt?: boolean;
    /** It signs downloads (or multipart parts) of SSE-KMS objects: S3 decrypts as the signer. */
    decrypt?: boolean;
    /** per_user: it makes a user's key (UserKeys.keyFor) and drops a key that lost the race. */
    makeKeys?: boolean;
    /** per_user: it crypto-shreds a user's key. */
    shredKeys?: boolean;
  };
  /** ses:SendEmail from the configured sender only. */
  sendEmail?: boolean;
}

// Document-client commands name the DynamoDB actions they need: Get → GetItem, Put → PutItem, …
const FILE_ROWS: TableGrant = {
  actions: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
  indexes: true,
};
// FileRemoval revokes a removed file's shares: a Query of the by-file index, an update per share.
const REVOKE_SHARES: TableGrant = { actions: ['Query', 'UpdateItem'], indexes: true };
// UserKeys over DynamoKeyRows: get, claim (put), take over / mark (update), release (delete).
const KEY_ROWS: TableGrant = {
  actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
  modes: ['per_user'],
};

/**
 * Every function's grants, by its resource part, read from its code: the repositories and stores
 * its Nest module wires and the methods it calls (libs/metadata, libs/storage, libs/kms-key-lock,
 * libs/file-removal, libs/mailer). A new call in a service is a new line here.
 */
export const FUNCTION_GRANTS: Readonly<Record<string, FunctionGrants>> = {
  uploads: {
    // FilesRepository (create, get, list by index, mark…) and the usage counter on the same table.
    tables: { files: FILE_ROWS, shares: REVOKE_SHARES, keys: KEY_ROWS },
    // Presigned PUT, multipart create/part/complete (all PutObject); presigned GET and HeadObject
    // (GetObject); delete; abort and list parts of a multipart upload.
    objects: [
      'PutObject',
      'GetObject',
      'DeleteObject',
      'AbortMultipartUpload',
      'ListMultipartUploadParts',
    ],
    kms: { encrypt: true, decrypt: true, makeKeys: true },
  },
  'uploads-sweep': {
    // sweepWork queries the sweep_work index; upgradeLegacyRows scans only for its one-off
    // upgrade; reconciliation and FileRemoval get, query and update.
    tables: {
      files: { actions: ['Scan', 'Query', 'GetItem', 'UpdateItem'], indexes: true },
      shares: REVOKE_SHARES,
    },
    objects: ['DeleteObject', 'AbortMultipartUpload'],
    // It lists the bucket for objects no row expects (a lost event notification's).
    listBucket: true,
    kms: {},
  },
  'uploads-object-created': {
    // StrayObjects.check: one row look-up, then a delete when no live row expects the object.
    tables: { files: { actions: ['GetItem'] } },
    objects: ['DeleteObject'],
    kms: {},
  },
  sharing: {
    // It only reads file rows (is it ready, where is its object); shares are its own.
    tables: {
      files: { actions: ['GetItem'] },
      shares: {
        actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'],
        indexes: true,
      },
    },
    // The presigned GET a share download answers.
    objects: ['GetObject'],
    kms: { decrypt: true },
    sendEmail: true,
  },
  keys: {
    // Crypto-shred: the user's live files (by index) and unfinished removals, removed one by one.
    tables: {
      files: { actions: ['GetItem', 'Query', 'UpdateItem'], indexes: true },
      shares: REVOKE_SHARES,
      keys: KEY_ROWS,
    },
    objects: ['DeleteObject', 'AbortMultipartUpload'],
    kms: { makeKeys: true, shredKeys: true },
  },
};

export function grantsOf(part: string): FunctionGrants {
  const grants = FUNCTION_GRANTS[part];
  if (!grants) throw new Error(`no IAM grants for the ${part} function (FUNCTION_GRANTS)`);
  return grants;
}
