import {
  type DynamoDBDocumentClient,
  GetCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { Inject, Injectable } from '@nestjs/common';
import { ConditionFailed, dynamoCall } from './dynamo-call';
import { DOCUMENT_CLIENT } from './dynamo-client.factory';
import { METADATA_OPTIONS, type MetadataOptions } from './metadata-options';

/**
 * The row holding a user's storage use (UPLOADING + READY bytes), beside their files. '#' sorts
 * before every file id.
 */
export const USAGE_KEY = '#usage';

/** Per file released: a marker on the usage row, so a repeated release of that file is refused. */
const releaseMarker = (fileId: string): string => `released:${fileId}`;

/** Each user's bytes in use, kept in one row that writes change atomically. */
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
  async reserve(userId: string, bytes: number, quota?: number): Promise<boolean> {
    if (quota !== undefined && bytes > quota) return false;
    try {
      if (quota === undefined) {
        await this.update(
          userId,
          { UpdateExpression: 'ADD used_bytes :bytes' },
          { ':bytes': bytes },
        );
      } else {
        await this.update(
          userId,
          {
            UpdateExpression: 'ADD used_bytes :bytes',
            ConditionExpression: 'attribute_not_exists(used_bytes) OR used_bytes <= :most',
          },
          { ':bytes': bytes, ':most': quota - bytes },
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
    await this.update(userId, { UpdateExpression: 'ADD used_bytes :bytes' }, { ':bytes': -bytes });
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
          UpdateExpression: 'ADD used_bytes :bytes SET #released = :yes',
          ConditionExpression: 'attribute_not_exists(#released)',
          ExpressionAttributeNames: { '#released': releaseMarker(fileId) },
        },
        { ':bytes': -bytes, ':yes': true },
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
    await this.update(userId, {
      UpdateExpression: 'REMOVE #released',
      ExpressionAttributeNames: { '#released': releaseMarker(fileId) },
    });
  }

  async used(userId: string): Promise<number> {
    const { Item } = await dynamoCall(() =>
      this.db.send(
        new GetCommand({ TableName: this.table, Key: this.key(userId), ConsistentRead: true }),
      ),
    );
    return (Item?.['used_bytes'] as number | undefined) ?? 0;
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
