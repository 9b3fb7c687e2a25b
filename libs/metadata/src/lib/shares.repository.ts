import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { Inject, Injectable } from '@nestjs/common';
import { ConditionFailed, dynamoCall } from './dynamo-call';
import { DOCUMENT_CLIENT } from './dynamo-client.factory';
import { ShareStateConflict } from './metadata-errors';
import { METADATA_OPTIONS, type MetadataOptions } from './metadata-options';
import {
  fileRef,
  type RevokedBecause,
  type ShareAccessEntry,
  type SharePage,
  type ShareRecord,
  type ShareSummary,
} from './share-record';
import {
  SHARE_SUMMARY_ATTRIBUTES,
  SHARES_BY_FILE_INDEX,
  SHARES_BY_OWNER_INDEX,
} from './table-definitions';

/**
 * Entries a share keeps in its log; it is trimmed back to this once it holds twice as many. Small
 * because the log lives in the share row, and DynamoDB bills every write by the whole item's size:
 * at most 2 × 25 entries of a few hundred bytes (user agents are capped at 256) keep the row, and
 * so each download's write, to a few KB.
 */
export const ACCESS_LOG_KEEP = 25;

/** What resolving a link reads: everything but the log, which only the owner's detail needs. */
const RESOLVE_PROJECTION = [
  'token_hash',
  ...SHARE_SUMMARY_ATTRIBUTES,
  'message',
  'password_hash',
  'log_length',
  'pw_window',
  'pw_attempts',
];

/** The share still works at `:now`: not revoked and not expired. */
const USABLE =
  'attribute_exists(token_hash) AND attribute_not_exists(revoked_at) AND expires_at > :now';

/** The result of trying to count one download. */
export type DownloadCount = 'COUNTED' | 'REFUSED';

/**
 * The shares table. Public resolution reads by token hash; everything an owner does goes
 * through a query scoped by their user_id, so no call of theirs reaches another user's share.
 */
@Injectable()
export class SharesRepository {
  private readonly table: string;

  constructor(
    @Inject(DOCUMENT_CLIENT) private readonly db: DynamoDBDocumentClient,
    @Inject(METADATA_OPTIONS) options: MetadataOptions,
  ) {
    this.table = options.sharesTable;
  }

  /** Stores a new share; its token hash is fresh randomness, so a clash is a programming error. */
  async create(record: ShareRecord): Promise<void> {
    await dynamoCall(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: record,
          ConditionExpression: 'attribute_not_exists(token_hash)',
        }),
      ),
    );
  }

  /** The share a token's hash names, without its log; undefined when there is none. */
  async resolve(tokenHash: string): Promise<Omit<ShareRecord, 'access_log'> | undefined> {
    const { Item } = await dynamoCall(() =>
      this.db.send(
        new GetCommand({
          TableName: this.table,
          Key: { token_hash: tokenHash },
          ConsistentRead: true,
          ProjectionExpression: RESOLVE_PROJECTION.map((_, i) => `#p${i}`).join(', '),
          ExpressionAttributeNames: Object.fromEntries(
            RESOLVE_PROJECTION.map((name, i) => [`#p${i}`, name]),
          ),
        }),
      ),
    );
    if (!Item || Item['share_id'] === undefined) return undefined;
    return Item as Omit<ShareRecord, 'access_log'>;
  }

  /**
   * Counts one download and logs it, in one conditional write: only while the share works and
   * has downloads left, so with `max_downloads: 3` exactly three of any number of racing
   * requests are COUNTED. A hash that names no share is REFUSED the same way.
   */
  async countDownload(
    tokenHash: string,
    entry: ShareAccessEntry,
    now: string,
  ): Promise<DownloadCount> {
    try {
      await this.update(tokenHash, {
        update:
          'SET downloads = downloads + :one, last_access_at = :at, access_log = list_append(access_log, :entries), log_length = log_length + :one',
        condition: `${USABLE} AND (attribute_not_exists(max_downloads) OR downloads < max_downloads)`,
        values: { ':one': 1, ':at': entry.at, ':entries': [entry], ':now': now },
      });
      return 'COUNTED';
    } catch (error) {
      if (error instanceof ConditionFailed) return 'REFUSED';
      throw error;
    }
  }

  /** Logs a use that served nothing (viewed, refused, wrong password). Unknown hashes: no-op. */
  async logAccess(tokenHash: string, entry: ShareAccessEntry): Promise<void> {
    const viewed = entry.outcome === 'VIEWED';
    await this.update(tokenHash, {
      update: `SET ${viewed ? 'last_access_at = :at, ' : ''}access_log = list_append(access_log, :entries), log_length = log_length + :one`,
      condition: 'attribute_exists(share_id)',
      values: { ':one': 1, ':entries': [entry], ...(viewed ? { ':at': entry.at } : {}) },
    }).catch(ignoreConditionFailed);
  }

  /**
   * Trims the log back to ACCESS_LOG_KEEP once it holds 2 × ACCESS_LOG_KEEP: the item stays small
   * and appends stay single writes. It drops the oldest `drop` entries (ACCESS_LOG_KEEP unless the
   * caller knows the log is longer; at most 4 × ACCESS_LOG_KEEP at a time, to keep the expression
   * short), only while at least ACCESS_LOG_KEEP remain after; so racing trims are safe: the
   * condition lets through only those that leave the newest ACCESS_LOG_KEEP. Answers the log's
   * length after the trim, or undefined when it trimmed nothing (a shorter log, or no such share).
   */
  async trimAccessLog(tokenHash: string, drop = ACCESS_LOG_KEEP): Promise<number | undefined> {
    const count = Math.max(ACCESS_LOG_KEEP, Math.min(Math.floor(drop), 4 * ACCESS_LOG_KEEP));
    // Highest index first: DynamoDB removes by the indexes as they were before the update,
    // dynalite one after another (each shifting the rest); in this order both drop the oldest.
    const removed = Array.from({ length: count }, (_, i) => `access_log[${count - 1 - i}]`);
    try {
      const { Attributes } = await dynamoCall(() =>
        this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: { token_hash: tokenHash },
            UpdateExpression: `SET log_length = log_length - :drop REMOVE ${removed.join(', ')}`,
            ConditionExpression: 'log_length >= :least',
            ExpressionAttributeValues: { ':drop': count, ':least': count + ACCESS_LOG_KEEP },
            // The length left tells a caller that counts appends what other processes added.
            ReturnValues: 'UPDATED_NEW',
          }),
        ),
      );
      return (Attributes as Pick<ShareRecord, 'log_length'> | undefined)?.log_length;
    } catch (error) {
      if (error instanceof ConditionFailed) return undefined;
      throw error;
    }
  }

  /**
   * Takes one password attempt in the share's current window (`window` = epoch seconds / window
   * length), before the password is checked, so racing guesses cannot overrun `limit`. False
   * when the window's attempts are used up. Windows only move forward: an instance whose clock
   * lags counts against the newer window already running instead of starting its older one
   * afresh (which would hand out another `limit` attempts).
   */
  async takePasswordAttempt(tokenHash: string, window: number, limit: number): Promise<boolean> {
    for (let tries = 0; tries < 3; tries++) {
      try {
        // This window (or a newer one) is running: count one more, while under the limit.
        await this.update(tokenHash, {
          update: 'SET pw_attempts = pw_attempts + :one',
          condition: 'pw_window >= :window AND pw_attempts < :limit',
          values: { ':one': 1, ':window': window, ':limit': limit },
        });
        return true;
      } catch (error) {
        if (!(error instanceof ConditionFailed)) throw error;
      }
      try {
        // An older window (or none yet): start this one with this attempt.
        await this.update(tokenHash, {
          update: 'SET pw_window = :window, pw_attempts = :one',
          condition:
            'attribute_exists(share_id) AND (attribute_not_exists(pw_window) OR pw_window < :window)',
          values: { ':one': 1, ':window': window },
        });
        return true;
      } catch (error) {
        if (!(error instanceof ConditionFailed)) throw error;
      }
      // Neither held: the running window is full, unless another request started it meanwhile.
      const current = await this.resolve(tokenHash);
      if (
        !current ||
        ((current.pw_window ?? -Infinity) >= window && (current.pw_attempts ?? 0) >= limit)
      )
        return false;
    }
    return false;
  }

  /** An e-mail share whose message SES accepted. */
  async markSent(tokenHash: string): Promise<void> {
    await this.update(tokenHash, {
      update: 'SET delivery = :sent',
      condition: 'attribute_exists(share_id)',
      values: { ':sent': 'SENT' },
    });
  }

  /** Removes a share that was never announced (its e-mail could not be sent). */
  async delete(tokenHash: string): Promise<void> {
    await dynamoCall(() =>
      this.db.send(new DeleteCommand({ TableName: this.table, Key: { token_hash: tokenHash } })),
    );
  }

  /** One of the user's shares, with its log; undefined when they have no such share. */
  async findOwned(userId: string, shareId: string): Promise<ShareRecord | undefined> {
    const { Items } = await dynamoCall(() =>
      this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: SHARES_BY_OWNER_INDEX,
          KeyConditionExpression: 'user_id = :user AND share_id = :share',
          ExpressionAttributeValues: { ':user': userId, ':share': shareId },
        }),
      ),
    );
    const hash = (Items?.[0] as ShareSummary | undefined)?.token_hash;
    if (!hash) return undefined;
    const row = await this.read(hash);
    // The index may briefly lag the table on AWS; the table's row is the truth.
    return row?.user_id === userId ? row : undefined;
  }

  /** The user's shares (of one file, when `fileId` is given), newest first. */
  async list(
    userId: string,
    options: { fileId?: string; limit: number; afterShareId?: string },
  ): Promise<SharePage> {
    const byFile = options.fileId !== undefined;
    const key = byFile ? fileRef(userId, options.fileId as string) : userId;
    const shares: ShareSummary[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamoCall(() =>
        this.db.send(
          new QueryCommand({
            TableName: this.table,
            IndexName: byFile ? SHARES_BY_FILE_INDEX : SHARES_BY_OWNER_INDEX,
            KeyConditionExpression:
              options.afterShareId === undefined
                ? '#key = :key'
                : '#key = :key AND share_id < :after',
            // An e-mail share whose message was never sent was never given to anyone.
            FilterExpression: 'attribute_not_exists(delivery) OR delivery = :sent',
            ExpressionAttributeNames: { '#key': byFile ? 'file_ref' : 'user_id' },
            ExpressionAttributeValues: {
              ':key': key,
              ':sent': 'SENT',
              ...(options.afterShareId === undefined ? {} : { ':after': options.afterShareId }),
            },
            ScanIndexForward: false,
            Limit: options.limit - shares.length,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      shares.push(...((page.Items ?? []) as ShareSummary[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey && shares.length < options.limit);
    const more = shares.length === options.limit && startKey !== undefined;
    return { shares, lastShareId: more ? shares[shares.length - 1]?.share_id : undefined };
  }

  /** Revokes a share (idempotent: a revoked share keeps its first revocation). Returns the row. */
  async revoke(tokenHash: string, at: string, because: RevokedBecause): Promise<ShareRecord> {
    try {
      return await this.update(tokenHash, {
        update: 'SET revoked_at = :at, revoked_because = :because',
        condition: 'attribute_exists(share_id) AND attribute_not_exists(revoked_at)',
        values: { ':at': at, ':because': because },
        returnRow: true,
      });
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      return (await this.read(tokenHash)) as ShareRecord;
    }
  }

  /** Revokes every share of a file (its deletion); repeating it is harmless. Returns how many. */
  async revokeAllOfFile(userId: string, fileId: string, at: string): Promise<number> {
    let revoked = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dynamoCall(() =>
        this.db.send(
          new QueryCommand({
            TableName: this.table,
            IndexName: SHARES_BY_FILE_INDEX,
            KeyConditionExpression: 'file_ref = :ref',
            FilterExpression: 'attribute_not_exists(revoked_at)',
            ExpressionAttributeValues: { ':ref': fileRef(userId, fileId) },
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      for (const share of (page.Items ?? []) as ShareSummary[]) {
        await this.revoke(share.token_hash, at, 'FILE_DELETED');
        revoked++;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return revoked;
  }

  /**
   * Changes a share's expiry and download limit (`null` removes the limit). ShareStateConflict
   * when it was revoked: a revoked share stays revoked.
   */
  async change(
    tokenHash: string,
    change: { expiresAt?: string; purgeAt?: number; maxDownloads?: number | null },
  ): Promise<ShareRecord> {
    const sets: string[] = [];
    const removes: string[] = [];
    const values: Record<string, unknown> = {};
    if (change.expiresAt !== undefined) {
      sets.push('expires_at = :expires');
      values[':expires'] = change.expiresAt;
    }
    if (change.purgeAt !== undefined) {
      sets.push('purge_at = :purge');
      values[':purge'] = change.purgeAt;
    }
    if (change.maxDownloads === null) removes.push('max_downloads');
    else if (change.maxDownloads !== undefined) {
      sets.push('max_downloads = :max');
      values[':max'] = change.maxDownloads;
    }
    const update = [
      sets.length ? `SET ${sets.join(', ')}` : '',
      removes.length ? `REMOVE ${removes.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    if (!update) {
      // Nothing to write (DynamoDB refuses an empty update): the answer is the row as it is.
      const current = await this.read(tokenHash);
      if (!current || current.revoked_at !== undefined) throw new ShareStateConflict(current);
      return current;
    }
    try {
      return await this.update(tokenHash, {
        update,
        condition: 'attribute_exists(share_id) AND attribute_not_exists(revoked_at)',
        values: Object.keys(values).length ? values : undefined,
        returnRow: true,
      });
    } catch (error) {
      if (error instanceof ConditionFailed)
        throw new ShareStateConflict(await this.read(tokenHash));
      throw error;
    }
  }

  /**
   * Reserves `count` share e-mails in the user's hour `hour` (epoch seconds / 3600) under
   * `limit`; false when that would exceed it. The counter lives in this table and expires.
   */
  async reserveEmails(
    userId: string,
    hour: number,
    count: number,
    limit: number,
  ): Promise<boolean> {
    // The condition below lets any first reservation of the hour through.
    if (count > limit) return false;
    try {
      await this.update(emailQuotaKey(userId, hour), {
        update: 'SET sent = if_not_exists(sent, :zero) + :count, purge_at = :purge',
        condition: 'attribute_not_exists(sent) OR sent <= :room',
        values: {
          ':zero': 0,
          ':count': count,
          ':room': limit - count,
          ':purge': (hour + 2) * 3600,
        },
      });
      return true;
    } catch (error) {
      if (error instanceof ConditionFailed) return false;
      throw error;
    }
  }

  /** Gives back e-mails reserved but not sent (SES refused them). */
  async releaseEmails(userId: string, hour: number, count: number): Promise<void> {
    await this.update(emailQuotaKey(userId, hour), {
      update: 'SET sent = sent - :count',
      condition: 'sent >= :count',
      values: { ':count': count },
    }).catch(ignoreConditionFailed);
  }

  /** The whole row, log included; undefined when the hash names no share. */
  private async read(tokenHash: string): Promise<ShareRecord | undefined> {
    const { Item } = await dynamoCall(() =>
      this.db.send(
        new GetCommand({
          TableName: this.table,
          Key: { token_hash: tokenHash },
          ConsistentRead: true,
        }),
      ),
    );
    return Item?.['share_id'] === undefined ? undefined : (Item as ShareRecord);
  }

  /** One conditional write; only revoke and change read the row back (a log can be long). */
  private async update(
    tokenHash: string,
    change: {
      update: string;
      condition: string;
      values?: Record<string, unknown>;
      returnRow?: boolean;
    },
  ): Promise<ShareRecord> {
    const { Attributes } = await dynamoCall(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { token_hash: tokenHash },
          UpdateExpression: change.update,
          ConditionExpression: change.condition,
          ExpressionAttributeValues: change.values,
          ReturnValues: change.returnRow ? 'ALL_NEW' : 'NONE',
        }),
      ),
    );
    return Attributes as ShareRecord;
  }
}

function emailQuotaKey(userId: string, hour: number): string {
  return `email-quota#${userId}#${hour}`;
}

function ignoreConditionFailed(error: unknown): void {
  if (!(error instanceof ConditionFailed)) throw error;
}
