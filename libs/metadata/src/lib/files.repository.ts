import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { Inject, Injectable } from '@nestjs/common';
import { ConditionFailed, dynamoCall } from './dynamo-call';
import { DOCUMENT_CLIENT } from './dynamo-client.factory';
import {
  type FilePage,
  type FileRecord,
  SWEEP_SHARDS,
  sweepShard,
  uploadDeadline,
} from './file-record';
import { FileExists, FileStateConflict } from './metadata-errors';
import { METADATA_OPTIONS, type MetadataOptions } from './metadata-options';
import { RECONCILE_GRACE_SECONDS, USAGE_KEY } from './storage-usage.repository';
import { LIVE_FILES_INDEX, SWEEP_WORK_INDEX } from './table-definitions';

/**
 * The table's schema version, kept in one marker row: upgradeLegacyRows scans the table only
 * while the marker says less. Version 2 added the sweep-work index (and usage versions).
 */
export const SCHEMA_VERSION = 2;
const SCHEMA_MARKER_KEY = { user_id: '#meta', file_id: '#schema' };

/** What the sweep has to do: a file's upload or removal, or a user's usage to reconcile. */
export type SweepWork = { kind: 'file'; record: FileRecord } | { kind: 'usage'; userId: string };

/** Of a row, what its bytes in the user's usage depend on. */
export type HeldRow = Pick<FileRecord, 'file_id' | 'size' | 'status' | 'removal'>;

/**
 * An UPLOADING row whose deadline has passed, in DynamoDB's words (`:uploading`, `:now`). Rows
 * written before upload_expires_at existed keep their deadline in expires_at.
 */
const UPLOAD_DUE =
  '(#status = :uploading AND (upload_expires_at <= :now OR (attribute_not_exists(upload_expires_at) AND expires_at <= :now)))';

/** A tombstone whose removal is PENDING and no one holds (its lease is absent or over). */
const REMOVAL_DUE =
  '(#status = :deleted AND removal = :pending AND (attribute_not_exists(removal_lease_until) OR removal_lease_until <= :now))';

/** Rows that carry a TTL (expires_at) although someone still owns them: only the sweep may remove those. */
function ownedByNoOne(record: FileRecord): boolean {
  return record.status === 'DELETED' && record.removal !== 'PENDING';
}

/** When a new row's sweep work is due (epoch seconds), or undefined for a row with none. */
function sweepDue(record: FileRecord): number | undefined {
  if (record.status === 'UPLOADING') return uploadDeadline(record);
  if (record.status === 'DELETED' && record.removal === 'PENDING')
    return record.removal_lease_until ?? 0;
  return undefined;
}

/** The files table. Every method is scoped by user_id: no call reaches another user's rows. */
@Injectable()
export class FilesRepository {
  private readonly table: string;

  constructor(
    @Inject(DOCUMENT_CLIENT) private readonly db: DynamoDBDocumentClient,
    @Inject(METADATA_OPTIONS) options: MetadataOptions,
  ) {
    this.table = options.filesTable;
  }

  /**
   * Throws FileExists when the id is taken. A live row (UPLOADING or READY) joins the live-files
   * index. An UPLOADING row's deadline goes in upload_expires_at: a row anyone still owns may not
   * carry expires_at, the TTL attribute (a programming error, thrown as such).
   */
  async create(record: FileRecord): Promise<void> {
    if (record.expires_at !== undefined && !ownedByNoOne(record))
      throw new Error(
        `FilesRepository.create: a ${record.status} row may not carry expires_at (the TTL attribute); use upload_expires_at`,
      );
    const due = sweepDue(record);
    const item: FileRecord = {
      ...record,
      live_file_id: record.status === 'DELETED' ? undefined : record.file_id,
      sweep_shard: due === undefined ? undefined : sweepShard(record.user_id, record.file_id),
      sweep_at: due,
    };
    try {
      await dynamoCall(() =>
        this.db.send(
          new PutCommand({
            TableName: this.table,
            Item: item,
            ConditionExpression: 'attribute_not_exists(file_id)',
          }),
        ),
      );
    } catch (error) {
      if (error instanceof ConditionFailed) throw new FileExists(record.file_id);
      throw error;
    }
  }

  async get(userId: string, fileId: string): Promise<FileRecord | undefined> {
    const { Item } = await dynamoCall(() =>
      this.db.send(
        new GetCommand({
          TableName: this.table,
          Key: { user_id: userId, file_id: fileId },
          ConsistentRead: true,
        }),
      ),
    );
    return Item as FileRecord | undefined;
  }

  /**
   * Newest first, without DELETED rows or abandoned uploads, from the sparse live-files index:
   * tombstones (and the usage row) are not in it, so a page costs O(page) reads however many
   * files were deleted. The only rows filtered out are uploads past their deadline that the
   * sweep has not yet removed, and — the index being eventually consistent on AWS — a file
   * deleted a moment ago; likewise a file created a moment ago may be missing for that moment
   * (typically well under a second). A filter applies after DynamoDB's Limit, so keep reading
   * until the page is full or the partition ends.
   */
  async list(
    userId: string,
    limit: number,
    afterFileId?: string,
    nowSeconds = Math.floor(Date.now() / 1000),
  ): Promise<FilePage> {
    const files: FileRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamoCall(() =>
        this.db.send(
          new QueryCommand({
            TableName: this.table,
            IndexName: LIVE_FILES_INDEX,
            // A key condition rather than an ExclusiveStartKey: the cursor's file may be gone.
            KeyConditionExpression:
              afterFileId === undefined
                ? 'user_id = :user'
                : 'user_id = :user AND live_file_id < :after',
            FilterExpression: `#status <> :deleted AND NOT ${UPLOAD_DUE}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':user': userId,
              ...(afterFileId === undefined ? {} : { ':after': afterFileId }),
              ':deleted': 'DELETED',
              ':uploading': 'UPLOADING',
              ':now': nowSeconds,
            },
            ScanIndexForward: false,
            Limit: limit - files.length,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      files.push(...((page.Items ?? []) as FileRecord[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey && files.length < limit);
    const more = files.length === limit && startKey !== undefined;
    return { files, lastFileId: more ? files[files.length - 1]?.file_id : undefined };
  }

  /**
   * Every file of the user that is not deleted, uploads past their deadline included (the ids and
   * what removal needs), a page of the live-files index at a time: crypto-shred removes them all.
   */
  async *allLive(userId: string): AsyncGenerator<FileRecord> {
    yield* this.queryAll<FileRecord>({
      IndexName: LIVE_FILES_INDEX,
      KeyConditionExpression: 'user_id = :user',
      ExpressionAttributeValues: { ':user': userId },
    });
  }

  /**
   * The user's tombstones whose removal is not finished (PENDING), so a crypto-shred cut short
   * can finish them. Reads the user's whole partition, tombstones included: shreds are rare.
   */
  async *unfinishedRemovals(userId: string): AsyncGenerator<FileRecord> {
    yield* this.queryAll<FileRecord>({
      KeyConditionExpression: 'user_id = :user',
      FilterExpression: '#status = :deleted AND removal = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':user': userId, ':deleted': 'DELETED', ':pending': 'PENDING' },
    });
  }

  /**
   * UPLOADING → READY (the upload id and deadline go, and with them its sweep work).
   * FileStateConflict (with the row) from any other state.
   */
  async markReady(
    userId: string,
    fileId: string,
    size: number,
    uploadedAt: string,
  ): Promise<FileRecord> {
    return this.transition(userId, fileId, {
      update:
        'SET #status = :ready, #size = :size, uploaded_at = :at REMOVE expires_at, upload_expires_at, upload_id, sweep_shard, sweep_at',
      condition: '#status = :uploading',
      names: { '#size': 'size' },
      values: { ':ready': 'READY', ':uploading': 'UPLOADING', ':size': size, ':at': uploadedAt },
    });
  }

  /**
   * Any live state → DELETED with its removal PENDING; it leaves the live-files index. The row
   * keeps its object key and upload id for the removal, and no TTL until the removal is done
   * (completeRemoval), so DynamoDB cannot delete it while the sweep may still need it. Its
   * removal is due for the sweep at once (should the remover that follows not finish it).
   */
  async markDeleted(userId: string, fileId: string, deletedAt: string): Promise<FileRecord> {
    return this.transition(userId, fileId, {
      update: TOMBSTONE_UPDATE,
      condition: 'attribute_exists(file_id) AND #status <> :deleted',
      values: {
        ':deleted': 'DELETED',
        ':at': deletedAt,
        ':pending': 'PENDING',
        ':shard': sweepShard(userId, fileId),
        ':due': 0,
      },
    });
  }

  /** UPLOADING and past its deadline → DELETED (removal PENDING); anything else conflicts. */
  async markAbandoned(userId: string, fileId: string, nowSeconds: number): Promise<FileRecord> {
    return this.transition(userId, fileId, {
      update: TOMBSTONE_UPDATE,
      condition: UPLOAD_DUE,
      values: {
        ':deleted': 'DELETED',
        ':uploading': 'UPLOADING',
        ':now': nowSeconds,
        ':at': new Date(nowSeconds * 1000).toISOString(),
        ':pending': 'PENDING',
        ':shard': sweepShard(userId, fileId),
        ':due': nowSeconds,
      },
    });
  }

  /**
   * Takes a PENDING removal for `leaseSeconds`, unless someone else holds it. Returns false when
   * the removal is taken, done, or not a removal at all. A tombstone written before removals
   * kept their TTL to the end loses its expires_at here, so TTL cannot take it mid-removal.
   * The sweep sees the removal again when the lease ends (a remover that crashed is finished).
   */
  async claimRemoval(
    userId: string,
    fileId: string,
    nowSeconds: number,
    leaseSeconds: number,
  ): Promise<boolean> {
    try {
      await this.update(userId, fileId, {
        update:
          'SET removal_lease_until = :until, sweep_shard = :shard, sweep_at = :until REMOVE expires_at',
        condition:
          'removal = :pending AND (attribute_not_exists(removal_lease_until) OR removal_lease_until <= :now)',
        values: {
          ':pending': 'PENDING',
          ':now': nowSeconds,
          ':until': nowSeconds + leaseSeconds,
          ':shard': sweepShard(userId, fileId),
        },
      });
      return true;
    } catch (error) {
      if (error instanceof ConditionFailed) return false;
      throw error;
    }
  }

  /**
   * Gives a claimed removal back, so a retry need not wait for the lease to run out: neither a
   * repeated delete nor the sweep, for which the removal is due again at once.
   */
  async releaseRemovalClaim(userId: string, fileId: string): Promise<void> {
    await this.update(userId, fileId, {
      update: 'SET sweep_shard = :shard, sweep_at = :due REMOVE removal_lease_until',
      // A finished removal holds no lease and has no sweep work.
      condition: 'attribute_exists(file_id) AND removal = :pending',
      values: { ':pending': 'PENDING', ':shard': sweepShard(userId, fileId), ':due': 0 },
    }).catch((error: unknown) => {
      if (!(error instanceof ConditionFailed)) throw error;
    });
  }

  /**
   * The removal is done: nothing of the file remains but this tombstone, which keeps repeated
   * deletes idempotent until `expiresAt` (epoch seconds, the TTL attribute: DynamoDB then deletes
   * it). Repeating it is harmless.
   */
  async completeRemoval(userId: string, fileId: string, expiresAt: number): Promise<void> {
    await this.update(userId, fileId, {
      update:
        'SET removal = :done, expires_at = :expires REMOVE removal_lease_until, upload_id, sweep_shard, sweep_at',
      // Never a TTL on a live row.
      condition: 'attribute_exists(file_id) AND #status = :deleted',
      values: { ':done': 'DONE', ':expires': expiresAt, ':deleted': 'DELETED' },
    }).catch((error: unknown) => {
      if (!(error instanceof ConditionFailed)) throw error;
    });
  }

  /**
   * What the periodic sweep acts on, across all users, from the sparse sweep-work index (one query
   * per shard, reading only rows whose work is due): uploads never completed whose time is up,
   * removals left PENDING (a crash or an outage stopped them) whose lease has run out, and usage
   * rows whose last reservation is RECONCILE_GRACE_SECONDS old. Rows written before the index
   * existed join it through upgradeLegacyRows. The filter re-checks what the index promises: an
   * index entry may lag its row.
   */
  async *sweepWork(nowSeconds: number): AsyncGenerator<SweepWork> {
    for (let shard = 0; shard < SWEEP_SHARDS; shard++) {
      const due = this.queryAll<FileRecord>({
        IndexName: SWEEP_WORK_INDEX,
        KeyConditionExpression: 'sweep_shard = :shard AND sweep_at <= :now',
        FilterExpression: `${UPLOAD_DUE} OR ${REMOVAL_DUE} OR file_id = :usage`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':shard': shard,
          ':now': nowSeconds,
          ':uploading': 'UPLOADING',
          ':deleted': 'DELETED',
          ':pending': 'PENDING',
          ':usage': USAGE_KEY,
        },
      });
      for await (const item of due) {
        yield item.file_id === USAGE_KEY
          ? { kind: 'usage', userId: item.user_id }
          : { kind: 'file', record: item };
      }
    }
  }

  /** The files among sweepWork: uploads whose time is up and removals no one holds. */
  async *sweepCandidates(nowSeconds: number): AsyncGenerator<FileRecord> {
    for await (const work of this.sweepWork(nowSeconds))
      if (work.kind === 'file') yield work.record;
  }

  /**
   * Every row of the user whose bytes may be in their usage: UPLOADING, READY, and tombstones
   * whose removal is PENDING (their bytes count until the removal releases them). A consistent
   * read of the user's partition, not of the live-files index: an index may lag a moment, and
   * reconciliation writes the absolute count it derives from these rows.
   */
  async *rowsHoldingBytes(userId: string): AsyncGenerator<HeldRow> {
    yield* this.queryAll<HeldRow>({
      KeyConditionExpression: 'user_id = :user',
      FilterExpression:
        '#status = :uploading OR #status = :ready OR (#status = :deleted AND removal = :pending)',
      ProjectionExpression: 'file_id, #size, #status, removal',
      ExpressionAttributeNames: { '#status': 'status', '#size': 'size' },
      ExpressionAttributeValues: {
        ':user': userId,
        ':uploading': 'UPLOADING',
        ':ready': 'READY',
        ':deleted': 'DELETED',
        ':pending': 'PENDING',
      },
      ConsistentRead: true,
    });
  }

  /**
   * Brings rows written by earlier versions up to date: live rows join the live-files index,
   * UPLOADING rows move their deadline from expires_at (the TTL attribute) to upload_expires_at,
   * PENDING tombstones drop expires_at, UPLOADING rows and PENDING tombstones join the sweep-work
   * index, and usage rows get a version and one reconciliation. Idempotent; each row is changed
   * only if still in the state it was read in. Returns how many rows it changed. It scans the
   * table only while the schema marker is below SCHEMA_VERSION, and writes the marker after a
   * pass that found nothing left (so rows older code wrote during a deploy are caught too);
   * run it from the sweep, and before TTL is enabled.
   */
  async upgradeLegacyRows(nowSeconds = Math.floor(Date.now() / 1000)): Promise<number> {
    if ((await this.schemaVersion()) >= SCHEMA_VERSION) return 0;
    let found = 0;
    let upgraded = 0;
    const legacy = this.scan(
      [
        '((#status = :uploading OR #status = :ready) AND attribute_not_exists(live_file_id))',
        '(#status = :uploading AND attribute_exists(expires_at))',
        '(#status = :deleted AND removal = :pending AND attribute_exists(expires_at))',
        '(#status = :uploading AND attribute_not_exists(sweep_at))',
        '(#status = :deleted AND removal = :pending AND attribute_not_exists(sweep_at))',
        '(file_id = :usage AND attribute_not_exists(version))',
      ].join(' OR '),
      {
        ':uploading': 'UPLOADING',
        ':ready': 'READY',
        ':deleted': 'DELETED',
        ':pending': 'PENDING',
        ':usage': USAGE_KEY,
      },
    );
    for await (const row of legacy) {
      found++;
      if (await this.upgrade(row, nowSeconds)) upgraded++;
    }
    if (found === 0) await this.setSchemaVersion();
    return upgraded;
  }

  private async schemaVersion(): Promise<number> {
    const { Item } = await dynamoCall(() =>
      this.db.send(
        new GetCommand({ TableName: this.table, Key: SCHEMA_MARKER_KEY, ConsistentRead: true }),
      ),
    );
    return (Item?.['schema_version'] as number | undefined) ?? 0;
  }

  private async setSchemaVersion(): Promise<void> {
    await dynamoCall(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: SCHEMA_MARKER_KEY,
          UpdateExpression: 'SET schema_version = :version',
          ExpressionAttributeValues: { ':version': SCHEMA_VERSION },
        }),
      ),
    );
  }

  /** Every item a query of this table (or one of its indexes) matches, a page at a time. */
  private async *queryAll<T>(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  ): AsyncGenerator<T> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamoCall(() =>
        this.db.send(
          new QueryCommand({ ...input, TableName: this.table, ExclusiveStartKey: startKey }),
        ),
      );
      yield* (page.Items ?? []) as T[];
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  /** Every row of the table, across all users, that `filter` keeps, a page at a time. */
  private async *scan(filter: string, values: Record<string, unknown>): AsyncGenerator<FileRecord> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamoCall(() =>
        this.db.send(
          new ScanCommand({
            TableName: this.table,
            FilterExpression: filter,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: values,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      yield* (page.Items ?? []) as FileRecord[];
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  private async upgrade(row: FileRecord, nowSeconds: number): Promise<boolean> {
    const change = upgradeOf(row, nowSeconds);
    try {
      await this.update(row.user_id, row.file_id, change);
      return true;
    } catch (error) {
      // Changed since it was read: whatever changed it wrote it the new way.
      if (error instanceof ConditionFailed) return false;
      throw error;
    }
  }

  private async transition(
    userId: string,
    fileId: string,
    change: UpdateSpec,
  ): Promise<FileRecord> {
    try {
      return await this.update(userId, fileId, change);
    } catch (error) {
      if (error instanceof ConditionFailed)
        throw new FileStateConflict(await this.get(userId, fileId));
      throw error;
    }
  }

  private async update(userId: string, fileId: string, change: UpdateSpec): Promise<FileRecord> {
    // `status` and `size` are DynamoDB reserved words: always go through #names.
    const names = { '#status': 'status', ...change.names };
    const used = Object.fromEntries(
      Object.entries(names).filter(([name]) =>
        `${change.update} ${change.condition}`.includes(name),
      ),
    );
    const { Attributes } = await dynamoCall(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { user_id: userId, file_id: fileId },
          UpdateExpression: change.update,
          ConditionExpression: change.condition,
          ExpressionAttributeNames: Object.keys(used).length ? used : undefined,
          ExpressionAttributeValues: change.values,
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return Attributes as FileRecord;
  }
}

/**
 * Into a tombstone: out of the live-files index, into the sweep-work index (due at :due), and no
 * TTL until its removal is done.
 */
const TOMBSTONE_UPDATE =
  'SET #status = :deleted, deleted_at = :at, removal = :pending, sweep_shard = :shard, sweep_at = :due REMOVE live_file_id, expires_at, upload_expires_at';

/** The one write that brings a row of an earlier version up to date, if still as it was read. */
function upgradeOf(row: FileRecord, nowSeconds: number): UpdateSpec {
  const shard = sweepShard(row.user_id, row.file_id);
  if (row.file_id === USAGE_KEY) {
    // Its count may have drifted under code without reconciliation: check it once, after the
    // grace a reservation gets (a create of that code may be between its two writes).
    return {
      update: 'SET sweep_shard = :shard, sweep_at = :due ADD version :one',
      condition: 'attribute_not_exists(version)',
      values: { ':shard': shard, ':due': nowSeconds + RECONCILE_GRACE_SECONDS, ':one': 1 },
    };
  }
  if (row.status === 'DELETED') {
    return {
      update: 'SET sweep_shard = :shard, sweep_at = :due REMOVE expires_at',
      condition: '#status = :deleted AND removal = :pending AND attribute_not_exists(sweep_at)',
      values: {
        ':deleted': 'DELETED',
        ':pending': 'PENDING',
        ':shard': shard,
        ':due': row.removal_lease_until ?? 0,
      },
    };
  }
  const deadline = row.status === 'UPLOADING' ? uploadDeadline(row) : undefined;
  const condition = '#status = :status AND attribute_not_exists(sweep_at)';
  if (deadline === undefined) {
    return {
      update: 'SET live_file_id = :id',
      condition,
      values: { ':status': row.status, ':id': row.file_id },
    };
  }
  return {
    update:
      'SET live_file_id = :id, upload_expires_at = :deadline, sweep_shard = :shard, sweep_at = :deadline REMOVE expires_at',
    condition,
    values: { ':status': row.status, ':id': row.file_id, ':deadline': deadline, ':shard': shard },
  };
}

interface UpdateSpec {
  update: string;
  condition: string;
  values?: Record<string, unknown>;
  names?: Record<string, string>;
}
