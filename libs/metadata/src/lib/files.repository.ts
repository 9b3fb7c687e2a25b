import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createDocumentClient } from './dynamo-client.factory';
import type { FilePage, FileRecord } from './file-record';
import { METADATA_OPTIONS, type MetadataOptions } from './metadata-options';

/**
 * The row holding a user's storage use (UPLOADING + READY bytes), beside their files. '#' sorts
 * before every file id.
 */
export const USAGE_KEY = '#usage';

/** Thrown when a conditional write finds the row in another state than expected. */
export class FileStateConflict extends Error {
  constructor(readonly current: FileRecord | undefined) {
    super('file is not in the expected state');
    this.name = 'FileStateConflict';
  }
}

/** The files table. Every method is scoped by user_id: no call reaches another user's rows. */
@Injectable()
export class FilesRepository implements OnModuleDestroy {
  private readonly db: DynamoDBDocumentClient;
  private readonly table: string;

  constructor(@Inject(METADATA_OPTIONS) options: MetadataOptions) {
    this.db = createDocumentClient(options);
    this.table = options.filesTable;
  }

  onModuleDestroy(): void {
    this.db.destroy();
  }

  async create(record: FileRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: record,
        ConditionExpression: 'attribute_not_exists(file_id)',
      }),
    );
  }

  async get(userId: string, fileId: string): Promise<FileRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: { user_id: userId, file_id: fileId },
        ConsistentRead: true,
      }),
    );
    return Item as FileRecord | undefined;
  }

  /**
   * Newest first, without DELETED rows or abandoned uploads. A filter applies after DynamoDB's
   * Limit, so keep reading until the page is full or the partition ends.
   */
  async list(
    userId: string,
    limit: number,
    afterFileId?: string,
    nowSeconds = Math.floor(Date.now() / 1000),
  ): Promise<FilePage> {
    const files: FileRecord[] = [];
    let startKey: Record<string, unknown> | undefined = afterFileId
      ? { user_id: userId, file_id: afterFileId }
      : undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          // File ids sort after USAGE_KEY, so the usage row never shows up as a file.
          KeyConditionExpression: 'user_id = :user AND file_id > :usage',
          // Expired rows linger until TTL removes them (never, on dynalite).
          FilterExpression:
            '#status <> :deleted AND (attribute_not_exists(expires_at) OR expires_at > :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':user': userId,
            ':usage': USAGE_KEY,
            ':deleted': 'DELETED',
            ':now': nowSeconds,
          },
          ScanIndexForward: false,
          Limit: limit - files.length,
          ExclusiveStartKey: startKey,
        }),
      );
      files.push(...((page.Items ?? []) as FileRecord[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey && files.length < limit);
    const more = files.length === limit && startKey !== undefined;
    return { files, lastFileId: more ? files[files.length - 1]?.file_id : undefined };
  }

  /** UPLOADING → READY. Throws FileStateConflict (with the current row) from any other state. */
  async markReady(
    userId: string,
    fileId: string,
    size: number,
    uploadedAt: string,
  ): Promise<FileRecord> {
    return this.transition(userId, fileId, {
      update: 'SET #status = :ready, #size = :size, uploaded_at = :at REMOVE expires_at, upload_id',
      condition: '#status = :uploading',
      names: { '#size': 'size' },
      values: { ':ready': 'READY', ':uploading': 'UPLOADING', ':size': size, ':at': uploadedAt },
    });
  }

  /** UPLOADING and past its expiry → DELETED; anything else (e.g. completed meanwhile) conflicts. */
  async markAbandoned(
    userId: string,
    fileId: string,
    nowSeconds: number,
    expiresAt: number,
  ): Promise<FileRecord> {
    return this.transition(userId, fileId, {
      update: 'SET #status = :deleted, deleted_at = :at, expires_at = :expires',
      condition: '#status = :uploading AND expires_at <= :now',
      values: {
        ':deleted': 'DELETED',
        ':uploading': 'UPLOADING',
        ':now': nowSeconds,
        ':at': new Date(nowSeconds * 1000).toISOString(),
        ':expires': expiresAt,
      },
    });
  }

  /**
   * Uploads never completed whose time is up, across all users. A scan is fine for an hourly
   * sweep of a modest table; past that, a sparse index on UPLOADING rows is the next step.
   */
  async *abandonedUploads(nowSeconds: number): AsyncGenerator<FileRecord> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: '#status = :uploading AND expires_at <= :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':uploading': 'UPLOADING', ':now': nowSeconds },
          ExclusiveStartKey: startKey,
        }),
      );
      yield* (page.Items ?? []) as FileRecord[];
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  /**
   * Reserves `bytes` of the user's storage, atomically refusing to pass `quota` (when set).
   * DynamoDB conditions cannot add, so the caller's arithmetic goes into the bound instead.
   * Returns false when the reservation would exceed the quota.
   */
  async reserveBytes(userId: string, bytes: number, quota?: number): Promise<boolean> {
    if (quota !== undefined && bytes > quota) return false;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { user_id: userId, file_id: USAGE_KEY },
          UpdateExpression: 'ADD used_bytes :bytes',
          ConditionExpression:
            quota === undefined
              ? undefined
              : 'attribute_not_exists(used_bytes) OR used_bytes <= :most',
          ExpressionAttributeValues:
            quota === undefined ? { ':bytes': bytes } : { ':bytes': bytes, ':most': quota - bytes },
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  async releaseBytes(userId: string, bytes: number): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { user_id: userId, file_id: USAGE_KEY },
        UpdateExpression: 'ADD used_bytes :bytes',
        ExpressionAttributeValues: { ':bytes': -bytes },
      }),
    );
  }

  async usedBytes(userId: string): Promise<number> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: { user_id: userId, file_id: USAGE_KEY },
        ConsistentRead: true,
      }),
    );
    return (Item?.['used_bytes'] as number | undefined) ?? 0;
  }

  /** Any live state → DELETED, kept as a tombstone until `expiresAt` so deletes stay idempotent. */
  async markDeleted(
    userId: string,
    fileId: string,
    deletedAt: string,
    expiresAt: number,
  ): Promise<FileRecord> {
    return this.transition(userId, fileId, {
      update: 'SET #status = :deleted, deleted_at = :at, expires_at = :expires',
      condition: 'attribute_exists(file_id) AND #status <> :deleted',
      values: { ':deleted': 'DELETED', ':at': deletedAt, ':expires': expiresAt },
    });
  }

  private async transition(
    userId: string,
    fileId: string,
    // `status` and `size` are DynamoDB reserved words: always go through #names.
    change: {
      update: string;
      condition: string;
      values: Record<string, unknown>;
      names?: Record<string, string>;
    },
  ): Promise<FileRecord> {
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { user_id: userId, file_id: fileId },
          UpdateExpression: change.update,
          ConditionExpression: change.condition,
          ExpressionAttributeNames: { '#status': 'status', ...change.names },
          ExpressionAttributeValues: change.values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes as FileRecord;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') {
        throw new FileStateConflict(await this.get(userId, fileId));
      }
      throw error;
    }
  }
}
