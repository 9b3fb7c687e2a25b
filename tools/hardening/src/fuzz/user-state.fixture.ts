import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { localDynamoClient, type MailboxMessage } from '@enclave/local-stack';
import type { TestStack } from '@enclave/testing';
import { type Answer, isAccepted } from './answer-checks';

type Row = Record<string, AttributeValue>;

/** Everything a request of one user could leave behind, as the stores hold it. */
export interface UserState {
  /** The user's rows of the files table (their files and their `#usage` row), by file id. */
  files: Row[];
  /** The shares table's rows owned by the user, by token hash. */
  shares: Row[];
  /** The keys table's row for the user, or null. */
  key: Row | null;
  /** The bucket's keys under `${user_id}/`. */
  objects: string[];
  /**
   * How many messages the SES stand-in holds (every user's: one property runs at a time); 0
   * when the watch was told not to read mail (operations that cannot send any).
   */
  mailSent: number;
}

async function allPages(
  read: (startKey: Row | undefined) => Promise<{ Items?: Row[]; LastEvaluatedKey?: Row }>,
): Promise<Row[]> {
  const rows: Row[] = [];
  let startKey: Row | undefined;
  do {
    const page = await read(startKey);
    rows.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return rows;
}

const byKey = (name: string) => (a: Row, b: Row) =>
  String(a[name]?.S).localeCompare(String(b[name]?.S));

async function readState(
  db: DynamoDBClient,
  stack: TestStack,
  userId: string,
  mail: (() => Promise<MailboxMessage[]>) | undefined,
): Promise<UserState> {
  const user = { ':user': { S: userId } };
  const [files, shares, key, objects, messages] = await Promise.all([
    allPages((startKey) =>
      db.send(
        new QueryCommand({
          TableName: stack.filesTable,
          KeyConditionExpression: 'user_id = :user',
          ExpressionAttributeValues: user,
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      ),
    ),
    // The shares table is keyed by token hash; the owner is an attribute (see libs/metadata).
    allPages((startKey) =>
      db.send(
        new ScanCommand({
          TableName: stack.sharesTable,
          FilterExpression: 'user_id = :user',
          ExpressionAttributeValues: user,
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      ),
    ),
    db.send(
      new GetItemCommand({
        TableName: stack.keysTable,
        Key: { user_id: { S: userId } },
        ConsistentRead: true,
      }),
    ),
    stack.objectKeys(`${userId}/`),
    mail ? mail() : [],
  ]);
  return {
    files: files.sort(byKey('file_id')),
    shares: shares.sort(byKey('token_hash')),
    key: key.Item ?? null,
    objects: objects.sort(),
    mailSent: messages.length,
  };
}

/**
 * Follows one user's state across a property's runs: each run reads the state once, after its
 * request, and compares it with the state after the previous run. A rejected request must have
 * changed nothing; an accepted one may, and its state is the next run's baseline.
 */
export class UserStateWatch {
  private constructor(
    private readonly db: DynamoDBClient,
    private readonly read: () => Promise<UserState>,
    private current: UserState,
  ) {}

  static async start(
    stack: TestStack,
    userId: string,
    mail?: () => Promise<MailboxMessage[]>,
  ): Promise<UserStateWatch> {
    const db = localDynamoClient(stack.dynamodb.endpoint);
    const read = () => readState(db, stack, userId, mail);
    return new UserStateWatch(db, read, await read());
  }

  /** The state as last read. */
  get state(): UserState {
    return this.current;
  }

  /**
   * Reads the state after `answer`; a 4xx must have left it exactly as it was. Answers the
   * state before and after. The new state becomes the baseline even when the check fails, so
   * fast-check's shrinking compares each retry with what the store really held before it.
   */
  async after(answer: Answer): Promise<{ before: UserState; after: UserState }> {
    const before = this.current;
    const after = await this.read();
    this.current = after;
    if (!isAccepted(answer)) {
      for (const part of ['files', 'shares', 'key', 'objects', 'mailSent'] as const) {
        const [was, now] = [JSON.stringify(before[part]), JSON.stringify(after[part])];
        if (was !== now) {
          throw new Error(
            `a rejected request changed the user's ${part}:\n${answer.sent}\n→ ${answer.status} ` +
              `${answer.text.slice(0, 400)}\nbefore: ${was.slice(0, 1500)}\nafter:  ${now.slice(0, 1500)}`,
          );
        }
      }
    }
    return { before, after };
  }

  /** Re-reads the baseline, after setup steps that changed the state on purpose. */
  async refresh(): Promise<void> {
    this.current = await this.read();
  }

  stop(): void {
    this.db.destroy();
  }
}
