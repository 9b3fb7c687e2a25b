import { Test, type TestingModule } from '@nestjs/testing';
import { DependencyUnavailable } from '@enclave/errors';
import {
  ensureBucket,
  ensureTables,
  LOCAL_ACCESS_KEY_ID,
  LOCAL_SECRET_ACCESS_KEY,
  expireItems,
  type RunningService,
  startDynamo,
  startS3,
} from '@enclave/local-stack';
import {
  type FileRecord,
  fileRef,
  FilesRepository,
  filesTableDefinition,
  sharesTableDefinition,
  MetadataModule,
  SharesRepository,
  StorageUsageRepository,
} from '@enclave/metadata';
import {
  FileStorage,
  MultipartStorage,
  type ObjectEncryption,
  StorageModule,
  UploadGone,
} from '@enclave/storage';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { FileRemoval } from './file-removal';
import { FileRemovalModule } from './file-removal.module';

// The removal against dynalite and the local S3: each step failing once, then the retry.
const SSE_S3: ObjectEncryption = { kind: 'AES256' };
const credentials = { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY };
let dynamo: RunningService;
let s3: RunningService;
let testModule: TestingModule;
let removal: FileRemoval;
let files: FilesRepository;
let usage: StorageUsageRepository;
let shares: SharesRepository;
let storage: FileStorage;
let multipart: MultipartStorage;
const now = new Date('2026-11-24T12:00:00Z');

beforeAll(async () => {
  [dynamo, s3] = await Promise.all([startDynamo(), startS3()]);
  await ensureTables({
    endpoint: dynamo.endpoint,
    tables: [filesTableDefinition('files'), sharesTableDefinition('shares')],
  });
  await ensureBucket({ endpoint: s3.endpoint, bucket: 'removal', corsOrigins: [] });
  testModule = await Test.createTestingModule({
    imports: [
      MetadataModule.forRoot({
        region: 'us-east-1',
        endpoint: dynamo.endpoint,
        credentials,
        filesTable: 'files',
        sharesTable: 'shares',
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
  shares = testModule.get(SharesRepository);
  storage = testModule.get(FileStorage);
  multipart = testModule.get(MultipartStorage);
});

afterAll(async () => {
  await testModule?.close();
  await Promise.all([dynamo?.stop(), s3?.stop()]);
});

afterEach(() => jest.restoreAllMocks());

/** The token hash of a link to the file, which its removal must revoke. */
const shareTokens = new Map<string, string>();

async function shareFile(record: FileRecord): Promise<void> {
  const tokenHash = createHash('sha256').update(randomUUID()).digest('hex');
  await shares.create({
    token_hash: tokenHash,
    share_id: randomUUID(),
    user_id: record.user_id,
    file_id: record.file_id,
    file_ref: fileRef(record.user_id, record.file_id),
    file_name: record.file_name,
    kind: 'LINK',
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + 3600_000).toISOString(),
    downloads: 0,
    password_protected: false,
    access_log: [],
    log_length: 0,
    purge_at: Math.floor(now.getTime() / 1000) + 7200,
  });
  shareTokens.set(record.file_id, tokenHash);
}

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
      encryption: SSE_S3,
      expiresInSeconds: 60,
    });
    const response = await fetch(put.url, { method: 'PUT', headers: put.headers, body: bytes });
    expect(response.status).toBe(200);
  } else {
    record.upload_id = await multipart.create(key, record.content_type, false, SSE_S3);
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
  await shareFile(record);
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
  // Kept for deletedRetentionSeconds after the removal, then DynamoDB's TTL takes it.
  expect(row).toMatchObject({ status: 'DELETED', removal: 'DONE' });
  expect(row?.expires_at).toBeGreaterThan(Math.floor(now.getTime() / 1000));
  expect(row?.upload_id).toBeUndefined();
  // Its link stops working and says why.
  const share = await shares.resolve(shareTokens.get(record.file_id) as string);
  expect(share).toMatchObject({ revoked_because: 'FILE_DELETED' });
  expect(share?.revoked_at).toEqual(expect.any(String));
}

/** Makes `method` of `target` fail once as an outage would, then behave again. */
function failOnce<T extends object>(target: T, method: keyof T & string): void {
  jest
    .spyOn(target, method as never)
    .mockImplementationOnce((() => Promise.reject(new DependencyUnavailable('DynamoDB'))) as never);
}

describe('FileRemoval', () => {
  it('deletes a file: tombstone, object gone, quota back, shares revoked, removal DONE', async () => {
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
    ['revoking the shares', () => [shares, 'revokeAllOfFile']],
    ['marking the removal done', () => [files, 'completeRemoval']],
  ];

  it.each(steps)(
    'when %s fails once, the retried delete finishes: usage 0, no object, no upload, shares revoked',
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
    await files.markDeleted(record.user_id, record.file_id, now.toISOString());
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
    const completed = await storedFile('multipart', { upload_expires_at: nowSeconds - 1 });
    await files.markReady(completed.user_id, completed.file_id, completed.size, now.toISOString());
    expect(await removal.abandon(completed, now)).toBe(false);
    const running = await storedFile('multipart', { upload_expires_at: nowSeconds + 60 });
    expect(await removal.abandon(running, now)).toBe(false);
    const abandoned = await storedFile('multipart', { upload_expires_at: nowSeconds - 1 });
    expect(await removal.abandon(abandoned, now)).toBe(true);
    await expectGone(abandoned);
  });
});

// Issue 7, item 4: DynamoDB's TTL may delete a row any time after its expires_at. Were a row the
// sweep still owns to carry one, TTL could delete it before the sweep released its bytes and
// upload, leaking both. Here TTL fires at every point of a file's life, as late as it likes.
describe('TTL never outruns the sweep', () => {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  // Past every upload deadline and removal lease below.
  const sweepTime = new Date(now.getTime() + 7200_000);

  /**
   * What TTL does, at the latest moment the test can reach: every row carrying an expires_at
   * goes, whatever its value.
   */
  async function ttlPass(): Promise<void> {
    await expireItems({
      endpoint: dynamo.endpoint,
      table: 'files',
      attribute: 'expires_at',
      nowSeconds: Number.MAX_SAFE_INTEGER,
    });
  }

  /** As AbandonedUploadsSweeper does it. */
  async function sweep(at: Date): Promise<void> {
    for await (const row of files.sweepCandidates(Math.floor(at.getTime() / 1000)))
      if (row.status === 'UPLOADING') await removal.abandon(row, at);
      else await removal.finish(row, at);
  }

  /** A file as FilesService.create makes it: bytes reserved, then an UPLOADING row. */
  async function create(kind: 'single' | 'multipart'): Promise<FileRecord> {
    const userId = randomUUID();
    const fileId = randomUUID();
    const record: FileRecord = {
      user_id: userId,
      file_id: fileId,
      file_name: 'f.bin',
      content_type: 'application/octet-stream',
      size: 1000,
      status: 'UPLOADING',
      object_key: `${userId}/${fileId}`,
      created_at: now.toISOString(),
      uploaded_at: now.toISOString(),
      upload_expires_at: nowSeconds + 60,
    };
    if (kind === 'multipart')
      record.upload_id = await multipart.create(
        record.object_key,
        record.content_type,
        false,
        SSE_S3,
      );
    expect(await usage.reserve(userId, record.size)).toBe(true);
    await files.create(record);
    return record;
  }

  async function put(record: FileRecord): Promise<void> {
    const bytes = randomBytes(record.size);
    const signed = record.upload_id
      ? await multipart.presignPart({
          key: record.object_key,
          uploadId: record.upload_id,
          partNumber: 1,
          size: bytes.length,
          expiresInSeconds: 60,
        })
      : await storage.presignPut({
          key: record.object_key,
          contentType: record.content_type,
          size: bytes.length,
          encryption: SSE_S3,
          expiresInSeconds: 60,
        });
    const response = await fetch(signed.url, {
      method: 'PUT',
      headers: signed.headers,
      body: bytes,
    });
    expect(response.status).toBe(200);
  }

  type Step = (record: FileRecord) => Promise<unknown>;
  const complete: Step = (r) => files.markReady(r.user_id, r.file_id, r.size, now.toISOString());
  const del: Step = (r) => removal.delete(r.user_id, r.file_id, now);
  // The process dies right after writing the tombstone: only the sweep can finish the removal.
  const deleteThenCrash: Step = (r) => files.markDeleted(r.user_id, r.file_id, now.toISOString());
  const abandonThenCrash: Step = (r) =>
    files.markAbandoned(r.user_id, r.file_id, Math.floor(sweepTime.getTime() / 1000));
  const sweepStep: Step = () => sweep(sweepTime);
  const lives: [string, 'single' | 'multipart', Step[]][] = [
    ['kept', 'single', [put, complete, sweepStep]],
    ['deleted', 'single', [put, complete, del, sweepStep]],
    ['deleted, crashing', 'single', [put, deleteThenCrash, sweepStep]],
    ['abandoned', 'multipart', [put, sweepStep]],
    ['abandoned, crashing', 'multipart', [put, abandonThenCrash, sweepStep]],
  ];
  const cases = lives.flatMap(([life, kind, steps]) =>
    // TTL fires after step `at` (0: right after create).
    Array.from({ length: steps.length + 1 }, (_, at) => [life, at, kind, steps] as const),
  );

  it.each(cases)(
    '%s, TTL after step %i: usage = the live rows, no object without one, no TTL on an owned row',
    async (_, at, kind, steps) => {
      const record = await create(kind);
      const row = () => files.get(record.user_id, record.file_id);
      for (let step = 0; step <= steps.length; step++) {
        if (step === at) await ttlPass();
        const current = await row();
        const owned = current?.status !== 'DELETED' || current.removal === 'PENDING';
        // A row the sweep still owns never carries the TTL attribute.
        expect(owned ? current?.expires_at : undefined).toBeUndefined();
        const next = steps[step];
        if (next) await next(record);
      }
      // Whatever TTL took, one more sweep and TTL pass change nothing of it.
      await sweep(sweepTime);
      await ttlPass();
      const last = await row();
      const live = last && last.status !== 'DELETED' ? [last] : [];
      expect(await usage.used(record.user_id)).toBe(live.reduce((sum, r) => sum + r.size, 0));
      expect((await storage.head(record.object_key))?.size).toBe(
        live.some((r) => r.status === 'READY') ? 1000 : undefined,
      );
      const uploadGone = record.upload_id
        ? await multipart.listParts(record.object_key, record.upload_id).then(
            () => false,
            (error: unknown) => error instanceof UploadGone,
          )
        : true;
      expect(uploadGone).toBe(true);
      // Only a kept file survives its life.
      expect(live.map((row) => row.status)).toEqual(
        steps.includes(complete) && !steps.includes(del) ? ['READY'] : [],
      );
    },
  );
});
