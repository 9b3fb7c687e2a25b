import {
  type DynamoDBDocumentClient,
  GetCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { Inject, Injectable } from '@nestjs/common';
import { ConditionFailed, dynamoCall } from './dynamo-call';
import { DOCUMENT_CLIENT } from './dynamo-client.factory';
import { sweepShard } from './file-record';
import { METADATA_OPTIONS, type MetadataOptions } from './metadata-options';

/**
 * The row holding a user's storage use (UPLOADING + READY bytes), beside their files. '#' sorts
 * before every file id.
 */
export const USAGE_KEY = '#usage';

/**
 * How long after a user's last reservation the sweep may reconcile their usage row with their
 * rows. A create reserves first and writes its row second (two writes: dynalite, the local
 * DynamoDB, has no TransactWriteItems); longer than any request can run (a Lambda stops at
 * 15 minutes), so by then every create has written its row or never will.
 */
export const RECONCILE_GRACE_SECONDS = 30 * 60;

/** Per file released: a marker on the usage row, so a repeated release of that file is refused. */
const releaseMarker = (fileId: string): string => `released:${fileId}`;

/** The usage row as reconciliation reads it: the count, its version, and which files released. */
export interface UsageSnapshot {
  usedBytes: number;
  /** Bumped by every change of the count; undefined on rows older than versions. */
  version?: number;
  released(fileId: string): boolean;
}

/**
 * Each user's bytes in use, kept in one row that writes change atomically. Every change bumps
 * `version`; a reservation also puts the row in the sweep-work index, due RECONCILE_GRACE_SECONDS
 * later, so the sweep checks the count against the user's rows once the dust has settled.
 */
@Injectable()
export class StorageUsageRepository {
  private readonly table: string;

  constructor(
    @Inject(DOCUMENT_CLIENT) private readonly db: DynamoDBDocumentClient,
    @Inject(METADATA_OPTIONS) options: MetadataOptions,
  ) {
    this.table = options.filesTable;
  }

  /**
   * Reserves `bytes` of the user's storage, atomically refusing to pass `quota` (when set).
   * DynamoDB conditions cannot add, so the caller's arithmetic goes into the bound instead.
   * Returns false when the reservation would exceed the quota.
   */
  async reserve(
    userId: string,
    bytes: number,
    quota?: number,
    nowSeconds = Math.floor(Date.now() / 1000),
  ): Promise<boolean> {
    if (quota !== undefined && bytes > quota) return false;
    // The same write marks the row for reconciliation: a crash before the file's row is written
    // leaves bytes reserved for nothing, and the sweep then corrects them.
    const reservation = {
      UpdateExpression:
        'ADD used_bytes :bytes, version :one SET sweep_shard = :shard, sweep_at = :due',
    };
    const values = {
      ':bytes': bytes,
      ':one': 1,
      ':shard': sweepShard(userId, USAGE_KEY),
      ':due': nowSeconds + RECONCILE_GRACE_SECONDS,
    };
    try {
      if (quota === undefined) {
        await this.update(userId, reservation, values);
      } else {
        await this.update(
          userId,
          {
            ...reservation,
            ConditionExpression: 'attribute_not_exists(used_bytes) OR used_bytes <= :most',
          },
          { ...values, ':most': quota - bytes },
        );
      }
      return true;
    } catch (error) {
      if (error instanceof ConditionFailed) return false;
      throw error;
    }
  }

  /** Gives back a reservation no file was made for (a create that failed half-way). */
  async release(userId: string, bytes: number): Promise<void> {
    await this.update(
      userId,
      { UpdateExpression: 'ADD used_bytes :bytes, version :one' },
      { ':bytes': -bytes, ':one': 1 },
    );
  }

  /**
   * Gives back a file's bytes exactly once, however often it is repeated or retried: the release
   * and its marker are one conditional write. Returns false when the file was released already.
   */
  async releaseFile(userId: string, fileId: string, bytes: number): Promise<boolean> {
    try {
      await this.update(
        userId,
        {
          UpdateExpression: 'ADD used_bytes :bytes, version :one SET #released = :yes',
          ConditionExpression: 'attribute_not_exists(#released)',
          ExpressionAttributeNames: { '#released': releaseMarker(fileId) },
        },
        { ':bytes': -bytes, ':yes': true, ':one': 1 },
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionFailed) return false;
      throw error;
    }
  }

  /**
   * Drops a file's release marker once its removal is complete and no one else can be releasing
   * it (FileRemoval holds the removal's lease), so the usage row does not grow with every delete.
   */
  async forgetFileRelease(userId: string, fileId: string): Promise<void> {
    await this.update(
      userId,
      {
        UpdateExpression: 'REMOVE #released ADD version :one',
        ExpressionAttributeNames: { '#released': releaseMarker(fileId) },
      },
      { ':one': 1 },
    );
  }

  /** The usage row as it is now (consistent read), for reconciliation. */
  async snapshot(userId: string): Promise<UsageSnapshot> {
    const item = await this.read(userId);
    return {
      usedBytes: (item?.['used_bytes'] as number | undefined) ?? 0,
      version: item?.['version'] as number | undefined,
      released: (fileId) => item?.[releaseMarker(fileId)] !== undefined,
    };
  }

  /**
   * Sets the count to what the user's rows add up to, and takes the row out of the sweep-work
   * index, unless the count changed since `read` (its version moved): then that change's
   * reservation re-marked it, or the next sweep tries again. Returns false when it changed.
   */
  async reconcile(userId: string, expectedBytes: number, read: UsageSnapshot): Promise<boolean> {
    try {
      await this.update(
        userId,
        {
          UpdateExpression: 'SET used_bytes = :expected REMOVE sweep_shard, sweep_at',
          ConditionExpression:
            read.version === undefined
              ? 'attribute_exists(user_id) AND attribute_not_exists(version)'
              : 'version = :version',
        },
        {
          ':expected': expectedBytes,
          ...(read.version === undefined ? {} : { ':version': read.version }),
        },
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionFailed) return false;
      throw error;
    }
  }

  async used(userId: string): Promise<number> {
    return ((await this.read(userId))?.['used_bytes'] as number | undefined) ?? 0;
  }

  private async read(userId: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await dynamoCall(() =>
      this.db.send(
        new GetCommand({ TableName: this.table, Key: this.key(userId), ConsistentRead: true }),
      ),
    );
    return Item;
  }

  private key(userId: string) {
    return { user_id: userId, file_id: USAGE_KEY };
  }

  private async update(
    userId: string,
    expressions: Pick<
      UpdateCommandInput,
      'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames'
    >,
    values?: Record<string, unknown>,
  ): Promise<void> {
    await dynamoCall(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: this.key(userId),
          ...expressions,
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }
}
