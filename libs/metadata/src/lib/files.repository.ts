import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { Inject, Injectable } from '@nestjs/common';
import { ConditionFailed, dynamoCall } from './dynamo-call';
import { DOCUMENT_CLIENT } from './dynamo-client.factory';
import type { FilePage, FileRecord } from './file-record';
import { FileExists, FileStateConflict } from './metadata-errors';
import { METADATA_OPTIONS, type MetadataOptions } from './metadata-options';
import { USAGE_KEY } from './storage-usage.repository';

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

  /** Throws FileExists when the id is taken. */
  async create(record: FileRecord): Promise<void> {
    try {
      await dynamoCall(() =>
        this.db.send(
          new PutCommand({
            TableName: this.table,
            Item: record,
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
      const page = await dynamoCall(() =>
        this.db.send(
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
        ),
      );
      files.push(...((page.Items ?? []) as FileRecord[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey && files.length < limit);
    const more = files.length === limit && startKey !== undefined;
    return { files, lastFileId: more ? files[files.length - 1]?.file_id : undefined };
  }

  /** UPLOADING → READY (the upload id goes). FileStateConflict (with the row) from any other state. */
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

  /**
   * Any live state → DELETED with its removal PENDING, kept as a tombstone until `expiresAt` so
   * deletes stay idempotent. The row keeps its object key and upload id for the removal.
   */
  async markDeleted(
    userId: string,
    fileId: string,
    deletedAt: string,
    expiresAt: number,
  ): Promise<FileRecord> {
    return this.transition(userId, fileId, {
      update: 'SET #status = :deleted, deleted_at = :at, expires_at = :expires, removal = :pending',
      condition: 'attribute_exists(file_id) AND #status <> :deleted',
      values: {
        ':deleted': 'DELETED',
        ':at': deletedAt,
        ':expires': expiresAt,
        ':pending': 'PENDING',
      },
    });
  }

  /** UPLOADING and past its expiry → DELETED (removal PENDING); anything else conflicts. */
  async markAbandoned(
    userId: string,
    fileId: string,
    nowSeconds: number,
    expiresAt: number,
  ): Promise<FileRecord> {
    return this.transition(userId, fileId, {
      update: 'SET #status = :deleted, deleted_at = :at, expires_at = :expires, removal = :pending',
      condition: '#status = :uploading AND expires_at <= :now',
      values: {
        ':deleted': 'DELETED',
        ':uploading': 'UPLOADING',
        ':now': nowSeconds,
        ':at': new Date(nowSeconds * 1000).toISOString(),
        ':expires': expiresAt,
        ':pending': 'PENDING',
      },
    });
  }

  /**
   * Takes a PENDING removal for `leaseSeconds`, unless someone else holds it. Returns false when
   * the removal is taken, done, or not a removal at all.
   */
  async claimRemoval(
    userId: string,
    fileId: string,
    nowSeconds: number,
    leaseSeconds: number,
  ): Promise<boolean> {
    try {
      await this.update(userId, fileId, {
        update: 'SET removal_lease_until = :until',
        condition:
          'removal = :pending AND (attribute_not_exists(removal_lease_until) OR removal_lease_until <= :now)',
        values: { ':pending': 'PENDING', ':now': nowSeconds, ':until': nowSeconds + leaseSeconds },
      });
      return true;
    } catch (error) {
      if (error instanceof ConditionFailed) return false;
      throw error;
    }
  }

  /** Gives a claimed removal back, so a retry need not wait for the lease to run out. */
  async releaseRemovalClaim(userId: string, fileId: string): Promise<void> {
    await this.update(userId, fileId, {
      update: 'REMOVE removal_lease_until',
      condition: 'attribute_exists(file_id)',
    }).catch((error: unknown) => {
      if (!(error instanceof ConditionFailed)) throw error;
    });
  }

  /** The removal is done: nothing of the file remains but this tombstone. Repeating it is harmless. */
  async completeRemoval(userId: string, fileId: string): Promise<void> {
    await this.update(userId, fileId, {
      update: 'SET removal = :done REMOVE removal_lease_until, upload_id',
      condition: 'attribute_exists(file_id)',
      values: { ':done': 'DONE' },
    }).catch((error: unknown) => {
      if (!(error instanceof ConditionFailed)) throw error;
    });
  }

  /**
   * What the periodic sweep acts on, across all users: uploads never completed whose time is up,
   * and removals left PENDING (a crash or an outage stopped them) whose lease has run out. A scan
   * suits an hourly sweep of a modest table; past that, a sparse index is the next step.
   */
  async *sweepCandidates(nowSeconds: number): AsyncGenerator<FileRecord> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamoCall(() =>
        this.db.send(
          new ScanCommand({
            TableName: this.table,
            FilterExpression:
              '(#status = :uploading AND expires_at <= :now) OR (#status = :deleted AND removal = :pending AND (attribute_not_exists(removal_lease_until) OR removal_lease_until <= :now))',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':uploading': 'UPLOADING',
              ':deleted': 'DELETED',
              ':pending': 'PENDING',
              ':now': nowSeconds,
            },
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      yield* (page.Items ?? []) as FileRecord[];
      startKey = page.LastEvaluatedKey;
    } while (startKey);
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

interface UpdateSpec {
  update: string;
  condition: string;
  values?: Record<string, unknown>;
  names?: Record<string, string>;
}
