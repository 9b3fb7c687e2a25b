import { Test, type TestingModule } from '@nestjs/testing';
import { DependencyUnavailable } from '@enclave/errors';
import {
  ensureBucket,
  ensureTables,
  LOCAL_ACCESS_KEY_ID,
  LOCAL_SECRET_ACCESS_KEY,
  type RunningService,
  startDynamo,
  startS3,
} from '@enclave/local-stack';
import {
  type FileRecord,
  FilesRepository,
  filesTableDefinition,
  MetadataModule,
  StorageUsageRepository,
} from '@enclave/metadata';
import { FileStorage, MultipartStorage, StorageModule, UploadGone } from '@enclave/storage';
import { randomBytes, randomUUID } from 'node:crypto';
import { FileRemoval } from './file-removal';
import { FileRemovalModule } from './file-removal.module';

// The removal against dynalite and the local S3: each step failing once, then the retry.
const credentials = { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY };
let dynamo: RunningService;
let s3: RunningService;
let testModule: TestingModule;
let removal: FileRemoval;
let files: FilesRepository;
let usage: StorageUsageRepository;
let storage: FileStorage;
let multipart: MultipartStorage;
const now = new Date('2026-11-24T12:00:00Z');

beforeAll(async () => {
  [dynamo, s3] = await Promise.all([startDynamo(), startS3()]);
  await ensureTables({ endpoint: dynamo.endpoint, tables: [filesTableDefinition('files')] });
  await ensureBucket({ endpoint: s3.endpoint, bucket: 'removal', corsOrigins: [] });
  testModule = await Test.createTestingModule({
    imports: [
      MetadataModule.forRoot({
        region: 'us-east-1',
        endpoint: dynamo.endpoint,
        credentials,
        filesTable: 'files',
      }),
      StorageModule.forRoot({
        bucket: 'removal',
        region: 'us-east-1',
        endpoint: s3.endpoint,
        credentials,
      }),
      FileRemovalModule.forRoot({ deletedRetentionSeconds: 3600 }),
    ],
  }).compile();
  removal = testModule.get(FileRemoval);
  files = testModule.get(FilesRepository);
  usage = testModule.get(StorageUsageRepository);
  storage = testModule.get(FileStorage);
  multipart = testModule.get(MultipartStorage);
});

afterAll(async () => {
  await testModule?.close();
  await Promise.all([dynamo?.stop(), s3?.stop()]);
});

afterEach(() => jest.restoreAllMocks());

/** A READY file with its object stored, or an UPLOADING multipart one with a part sent. */
async function storedFile(
  kind: 'ready' | 'multipart',
  overrides: Partial<FileRecord> = {},
): Promise<FileRecord> {
  const userId = randomUUID();
  const fileId = randomUUID();
  const key = `${userId}/${fileId}`;
  const bytes = randomBytes(1000);
  const record: FileRecord = {
    user_id: userId,
    file_id: fileId,
    file_name: 'f.bin',
    content_type: 'application/octet-stream',
    size: bytes.length,
    status: kind === 'ready' ? 'READY' : 'UPLOADING',
    object_key: key,
    created_at: now.toISOString(),
    uploaded_at: now.toISOString(),
    ...overrides,
  };
  if (kind === 'ready') {
    const put = await storage.presignPut({
      key,
      contentType: record.content_type,
      size: bytes.length,
      expiresInSeconds: 60,
    });
    const response = await fetch(put.url, { method: 'PUT', headers: put.headers, body: bytes });
    expect(response.status).toBe(200);
  } else {
    record.upload_id = await multipart.create(key, record.content_type, false);
    const part = await multipart.presignPart({
      key,
      uploadId: record.upload_id,
      partNumber: 1,
      size: bytes.length,
      expiresInSeconds: 60,
    });
    expect((await fetch(part.url, { method: 'PUT', body: bytes })).status).toBe(200);
  }
  expect(await usage.reserve(userId, bytes.length)).toBe(true);
  await files.create(record);
  return record;
}

async function expectGone(record: FileRecord): Promise<void> {
  if (record.upload_id) {
    // S3 no longer holds the upload or its parts.
    await expect(multipart.listParts(record.object_key, record.upload_id)).rejects.toBeInstanceOf(
      UploadGone,
    );
  }
  expect(await usage.used(record.user_id)).toBe(0);
  expect(await storage.head(record.object_key)).toBeUndefined();
  const row = await files.get(record.user_id, record.file_id);
  expect(row).toMatchObject({ status: 'DELETED', removal: 'DONE' });
  expect(row?.upload_id).toBeUndefined();
}

/** Makes `method` of `target` fail once as an outage would, then behave again. */
function failOnce<T extends object>(target: T, method: keyof T & string): void {
  jest
    .spyOn(target, method as never)
    .mockImplementationOnce((() => Promise.reject(new DependencyUnavailable('DynamoDB'))) as never);
}

describe('FileRemoval', () => {
  it('deletes a file: tombstone, object gone, quota back, removal DONE', async () => {
    const record = await storedFile('ready');
    const tombstone = await removal.delete(record.user_id, record.file_id, now);
    expect(tombstone).toMatchObject({ status: 'DELETED', deleted_at: now.toISOString() });
    await expectGone(record);
    expect(await removal.delete(record.user_id, record.file_id, now)).toMatchObject({
      status: 'DELETED',
    });
    await expectGone(record);
  });

  it('answers undefined for a file that does not exist', async () => {
    expect(await removal.delete(randomUUID(), randomUUID(), now)).toBeUndefined();
  });

  const steps: [string, () => [object, string]][] = [
    ['reading the row', () => [files, 'get']],
    ['writing the tombstone', () => [files, 'markDeleted']],
    ['claiming the removal', () => [files, 'claimRemoval']],
    ['aborting the multipart upload', () => [multipart, 'abort']],
    ['deleting the object', () => [storage, 'delete']],
    ['releasing the quota', () => [usage, 'releaseFile']],
    ['marking the removal done', () => [files, 'completeRemoval']],
  ];

  it.each(steps)(
    'when %s fails once, the retried delete finishes: usage 0, no object, no upload',
    async (_, step) => {
      const record = await storedFile('multipart');
      const [target, method] = step();
      failOnce(target, method as never);
      await expect(removal.delete(record.user_id, record.file_id, now)).rejects.toBeInstanceOf(
        DependencyUnavailable,
      );
      await removal.delete(record.user_id, record.file_id, now);
      await expectGone(record);
    },
  );

  it('still deletes when only forgetting the release marker fails', async () => {
    const record = await storedFile('ready');
    failOnce(usage, 'forgetFileRelease');
    await removal.delete(record.user_id, record.file_id, now);
    await expectGone(record);
  });

  it('releases the quota once when ten deletes of one file race', async () => {
    const record = await storedFile('ready');
    await usage.reserve(record.user_id, 500); // another file's bytes, which must stay counted
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => removal.delete(record.user_id, record.file_id, now)),
    );
    expect(answers.every((a) => a?.status === 'DELETED')).toBe(true);
    // One of them finished the removal; the rest found it held or done.
    expect(await usage.used(record.user_id)).toBe(500);
    expect(await storage.head(record.object_key)).toBeUndefined();
  });

  it("leaves an unfinished removal to the sweep once a crashed holder's lease runs out", async () => {
    const record = await storedFile('ready');
    await files.markDeleted(record.user_id, record.file_id, now.toISOString(), 0);
    // A remover took the removal and vanished without finishing or giving it back.
    expect(
      await files.claimRemoval(
        record.user_id,
        record.file_id,
        Math.floor(now.getTime() / 1000),
        900,
      ),
    ).toBe(true);
    await removal.delete(record.user_id, record.file_id, now);
    expect(await storage.head(record.object_key)).toMatchObject({ size: 1000 });
    const later = new Date(now.getTime() + 901_000);
    const due: FileRecord[] = [];
    for await (const row of files.sweepCandidates(Math.floor(later.getTime() / 1000)))
      if (row.file_id === record.file_id) due.push(row);
    expect(due).toHaveLength(1);
    await removal.finish(due[0] as FileRecord, later);
    await expectGone(record);
  });

  it('abandons only an upload whose time is up, removing what it holds', async () => {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const completed = await storedFile('multipart', { expires_at: nowSeconds - 1 });
    await files.markReady(completed.user_id, completed.file_id, completed.size, now.toISOString());
    expect(await removal.abandon(completed, now)).toBe(false);
    const running = await storedFile('multipart', { expires_at: nowSeconds + 60 });
    expect(await removal.abandon(running, now)).toBe(false);
    const abandoned = await storedFile('multipart', { expires_at: nowSeconds - 1 });
    expect(await removal.abandon(abandoned, now)).toBe(true);
    await expectGone(abandoned);
  });
});
