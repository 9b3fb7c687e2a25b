import {
  ensureTables,
  LOCAL_ACCESS_KEY_ID,
  LOCAL_SECRET_ACCESS_KEY,
  type RunningService,
  startDynamo,
} from '@enclave/local-stack';
import type { FileRecord } from './file-record';
import { FilesRepository, FileStateConflict } from './files.repository';
import { filesTableDefinition } from './table-definitions';

// Against dynalite: key design, filters, paging and conditional writes as DynamoDB applies them.
let dynamo: RunningService;
let files: FilesRepository;
const NOW = 1_800_000_000;

function record(userId: string, n: number, overrides: Partial<FileRecord> = {}): FileRecord {
  // Zero-padded ids sort like the UUIDv7s the service uses.
  const fileId = `0000000${n}`.slice(-8);
  return {
    user_id: userId,
    file_id: fileId,
    file_name: `f${n}.txt`,
    content_type: 'text/plain',
    size: n,
    status: 'READY',
    object_key: `${userId}/${fileId}/f${n}.txt`,
    created_at: '2026-11-23T00:00:00.000Z',
    uploaded_at: '2026-11-23T00:00:00.000Z',
    ...overrides,
  };
}

beforeAll(async () => {
  dynamo = await startDynamo();
  await ensureTables({ endpoint: dynamo.endpoint, tables: [filesTableDefinition('files-spec')] });
  files = new FilesRepository({
    region: 'us-east-1',
    endpoint: dynamo.endpoint,
    credentials: { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY },
    filesTable: 'files-spec',
  });
});

afterAll(async () => {
  files?.onModuleDestroy();
  await dynamo?.stop();
});

describe('FilesRepository', () => {
  it('refuses to create the same file twice', async () => {
    await files.create(record('dup', 1));
    await expect(files.create(record('dup', 1))).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
    });
  });

  it('pages newest first past deleted rows and abandoned uploads, filling every page', async () => {
    const user = 'pager';
    for (let n = 1; n <= 12; n++) {
      const hidden =
        n % 3 === 0
          ? { status: 'DELETED' as const, expires_at: NOW + 999 }
          : n % 4 === 0
            ? { status: 'UPLOADING' as const, expires_at: NOW - 1 }
            : {};
      await files.create(record(user, n, hidden));
    }
    const visible = [11, 10, 7, 5, 2, 1].map((n) => `0000000${n}`.slice(-8));
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let after: string | undefined;
    do {
      const page = await files.list(user, 2, after, NOW);
      pageSizes.push(page.files.length);
      seen.push(...page.files.map((f) => f.file_id));
      after = page.lastFileId;
    } while (after);
    expect(seen).toEqual(visible);
    // Full pages until the end, although two thirds of some raw pages are filtered out.
    expect(pageSizes.slice(0, 3)).toEqual([2, 2, 2]);
  });

  it('lists nothing of another user', async () => {
    await files.create(record('owner', 1));
    expect((await files.list('stranger', 10, undefined, NOW)).files).toEqual([]);
  });

  it('moves UPLOADING to READY once; a second attempt reports the current row', async () => {
    await files.create(
      record('ready', 5, { status: 'UPLOADING', expires_at: NOW + 60, upload_id: 'x' }),
    );
    const ready = await files.markReady('ready', '00000005', 5, '2026-11-23T01:00:00.000Z');
    expect(ready).toMatchObject({
      status: 'READY',
      size: 5,
      uploaded_at: '2026-11-23T01:00:00.000Z',
    });
    expect(ready.expires_at).toBeUndefined();
    expect(ready.upload_id).toBeUndefined();
    const conflict = await files
      .markReady('ready', '00000005', 5, 'later')
      .catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(FileStateConflict);
    expect((conflict as FileStateConflict).current?.status).toBe('READY');
  });

  it('marks a file DELETED once and reports a missing one as a conflict without a row', async () => {
    await files.create(record('del', 7));
    expect(await files.markDeleted('del', '00000007', 'now', NOW + 10)).toMatchObject({
      status: 'DELETED',
      expires_at: NOW + 10,
    });
    const again = await files
      .markDeleted('del', '00000007', 'now', NOW + 10)
      .catch((e: unknown) => e);
    expect((again as FileStateConflict).current?.status).toBe('DELETED');
    const missing = await files.markDeleted('del', 'nope', 'now', NOW).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(FileStateConflict);
    expect((missing as FileStateConflict).current).toBeUndefined();
  });
});
