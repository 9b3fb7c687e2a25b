import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  awsErrorName,
  DependencyFailed,
  DependencyUnavailable,
  isAwsOutage,
} from '@enclave/errors';
import type { KeyRow, KeyRows, Lease } from './key-rows';
import type { UserKey } from './user-key';

// `state` is one of DynamoDB's reserved words.
const NAMES = { '#state': 'state' };

/** The keys table in DynamoDB; a lost condition answers false, other failures are domain errors. */
export class DynamoKeyRows implements KeyRows {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(userId: string): Promise<KeyRow | undefined> {
    const { Item } = await dynamoCall(() =>
      this.db.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { user_id: userId },
          ConsistentRead: true,
        }),
      ),
    );
    return Item as KeyRow | undefined;
  }

  claim(userId: string, lease: Lease): Promise<boolean> {
    const row: KeyRow = {
      user_id: userId,
      state: 'CREATING',
      lease_id: lease.leaseId,
      lease_until: lease.leaseUntil,
    };
    return conditional(() =>
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: row,
          ConditionExpression: 'attribute_not_exists(user_id)',
        }),
      ),
    );
  }

  takeOver(userId: string, expiredLeaseId: string, lease: Lease, now: number): Promise<boolean> {
    return this.update(userId, {
      update: 'SET lease_id = :lease, lease_until = :until',
      condition: '#state = :creating AND lease_id = :old AND lease_until < :now',
      values: {
        ':lease': lease.leaseId,
        ':until': lease.leaseUntil,
        ':creating': 'CREATING',
        ':old': expiredLeaseId,
        ':now': now,
      },
    });
  }

  markReady(userId: string, leaseId: string, key: UserKey, createdAt: string): Promise<boolean> {
    return this.update(userId, {
      update:
        'SET #state = :ready, key_id = :key, key_arn = :arn, created_at = :at REMOVE lease_id, lease_until',
      condition: '#state = :creating AND lease_id = :lease',
      values: {
        ':ready': 'READY',
        ':key': key.keyId,
        ':arn': key.arn,
        ':at': createdAt,
        ':creating': 'CREATING',
        ':lease': leaseId,
      },
    });
  }

  release(userId: string, leaseId: string): Promise<boolean> {
    return conditional(() =>
      this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { user_id: userId },
          ConditionExpression: '#state = :creating AND lease_id = :lease',
          ExpressionAttributeNames: NAMES,
          ExpressionAttributeValues: { ':creating': 'CREATING', ':lease': leaseId },
        }),
      ),
    );
  }

  markShredding(userId: string): Promise<boolean> {
    return this.update(userId, {
      update: 'SET #state = :shredding',
      condition: '#state = :ready',
      values: { ':shredding': 'SHREDDING', ':ready': 'READY' },
    });
  }

  markShredded(userId: string, deletionDate: string, shreddedAt: string): Promise<boolean> {
    return this.update(userId, {
      update: 'SET #state = :shredded, deletion_date = :deletion, shredded_at = :at',
      condition: '#state = :shredding',
      values: {
        ':shredded': 'SHREDDED',
        ':deletion': deletionDate,
        ':at': shreddedAt,
        ':shredding': 'SHREDDING',
      },
    });
  }

  private update(
    userId: string,
    change: { update: string; condition: string; values: Record<string, unknown> },
  ): Promise<boolean> {
    return conditional(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { user_id: userId },
          UpdateExpression: change.update,
          ConditionExpression: change.condition,
          ExpressionAttributeNames: NAMES,
          ExpressionAttributeValues: change.values,
        }),
      ),
    );
  }
}

/** A conditional write: false when its condition did not hold. */
async function conditional(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await dynamoCall(write);
    return true;
  } catch (error) {
    if (error instanceof ConditionNotMet) return false;
    throw error;
  }
}

class ConditionNotMet extends Error {}

async function dynamoCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (awsErrorName(error) === 'ConditionalCheckFailedException') throw new ConditionNotMet();
    if (isAwsOutage(error)) throw new DependencyUnavailable('DynamoDB', error);
    throw new DependencyFailed('DynamoDB', error);
  }
}
