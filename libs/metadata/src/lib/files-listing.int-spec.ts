import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  ensureTables,
  localCredentials,
  type RunningService,
  startDynamo,
} from '@enclave/local-stack';
import type { FileRecord } from './file-record';
import { FilesRepository } from './files.repository';
import { filesTableDefinition } from './table-definitions';

// Issue 7, item 3: one live file under 3,000 deleted ones took ~3,000 one-row queries to list.
// A page must cost O(page): count what DynamoDB reads for it.
let dynamo: RunningService;
let db: DynamoDBDocumentClient;
let files: FilesRepository;
const reads = { calls: 0, scanned: 0 };

beforeAll(async () => {
  dynamo = await startDynamo();
  await ensureTables({ endpoint: dynamo.endpoint, tables: [filesTableDefinition('listing')] });
  db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'us-east-1',
      credentials: localCredentials,
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  db.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      reads.calls++;
      reads.scanned += (result.output as { ScannedCount?: number }).ScannedCount ?? 0;
      return result;
    },
    { step: 'initialize', name: 'countReads' },
  );
  files = new FilesRepository(db, {
    region: 'us-east-1',
    filesTable: 'listing',
    sharesTable: 'unused',
  });
});

afterAll(async () => {
  db?.destroy();
  await dynamo?.stop();
});

const file = (userId: string, n: number): FileRecord => ({
  user_id: userId,
  file_id: String(n).padStart(8, '0'),
  file_name: `f${n}`,
  content_type: 'text/plain',
  size: 1,
  status: 'READY',
  object_key: `${userId}/${n}`,
  created_at: '2026-11-23T00:00:00.000Z',
  uploaded_at: '2026-11-23T00:00:00.000Z',
});

/** Runs `work` on every item, `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

it('lists the one live file under 3,000 newer deleted ones in one read of one item', async () => {
  const user = 'tombstoned';
  await files.create(file(user, 1));
  const deleted = Array.from({ length: 3000 }, (_, i) => i + 2);
  await inParallel(deleted, 16, async (n) => {
    // Most arrive as tombstones (seeding 3,000 deletes takes too long); some are deleted as usual.
    if (n % 10) return files.create({ ...file(user, n), status: 'DELETED', removal: 'DONE' });
    await files.create(file(user, n));
    await files.markDeleted(user, file(user, n).file_id, '2026-11-23T01:00:00.000Z');
  });

  for (const limit of [1, 50]) {
    reads.calls = 0;
    reads.scanned = 0;
    const page = await files.list(user, limit);
    expect(page.files.map((f) => f.file_id)).toEqual(['00000001']);
    // At most one more call, to learn that nothing follows.
    expect(reads.calls).toBeLessThanOrEqual(2);
    expect(reads.scanned).toBe(1);
  }
}, 120_000);
