import type { TestingModule } from '@nestjs/testing';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@enclave/config';
import { encryptionSettings, KeyLockModule } from '@enclave/kms-key-lock';
import {
  DOCUMENT_CLIENT,
  epochSeconds,
  type FileRecord,
  FilesRepository,
  MetadataModule,
  metadataSettings,
  RECONCILE_GRACE_SECONDS,
  StorageUsageRepository,
  USAGE_KEY,
} from '@enclave/metadata';
import { countCommands, deleteRowAsIs, putRowAsIs } from '@enclave/metadata/testing';
import { StorageModule, storageSettings } from '@enclave/storage';
import { startTestStack, type TestStack } from '@enclave/testing';
import { randomUUID } from 'node:crypto';
import { uploadsConfigSchema } from './config';
import { AbandonedUploadsSweeper, type SweepResult } from './files/abandoned-uploads.sweeper';
import { FilesModule } from './files/files.module';
import { FilesService } from './files/files.service';

// Usage that heals itself, against the local stack (dynalite has no TransactWriteItems, so a
// create's reservation and its row are two writes): the sweep finds its work through the
// sweep-work index, scans only for the one-off upgrade of older rows, and sets a usage count
// that a crashed create left wrong back to what the user's rows hold.
const UPLOAD_TTL_SECONDS = 3600;
let stack: TestStack;
let moduleRef: TestingModule;
let files: FilesRepository;
let usage: StorageUsageRepository;
let service: FilesService;
let sweeper: AbandonedUploadsSweeper;
let db: Parameters<typeof putRowAsIs>[0];
let now = new Date();
let scans: { readonly count: number };

const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
const newUser = () => `user-${randomUUID()}`;
const sweep = (): Promise<SweepResult> => sweeper.sweep();

beforeAll(async () => {
  stack = await startTestStack();
  const config = loadConfig(uploadsConfigSchema, stack.envFor('uploads'));
  moduleRef = await Test.createTestingModule({
    imports: [
      StorageModule.forRoot(storageSettings(config)),
      MetadataModule.forRoot(metadataSettings(config)),
      KeyLockModule.forRoot(encryptionSettings(config)),
      FilesModule.forRoot(
        {
          uploadUrlExpiresSeconds: 900,
          partUrlExpiresSeconds: 900,
          downloadUrlExpiresSeconds: 900,
          multipartThresholdBytes: 64 * 1024 ** 2,
          partSizeBytes: 16 * 1024 ** 2,
          maxFileBytes: 1024 ** 3,
          uploadTtlSeconds: UPLOAD_TTL_SECONDS,
          deletedRetentionSeconds: 24 * 3600,
        },
        () => now,
      ),
    ],
  }).compile();
  files = moduleRef.get(FilesRepository);
  usage = moduleRef.get(StorageUsageRepository);
  service = moduleRef.get(FilesService);
  sweeper = moduleRef.get(AbandonedUploadsSweeper);
  db = moduleRef.get(DOCUMENT_CLIENT);
  // Every Scan of the table the repositories send, counted where the SDK sends it.
  scans = countCommands(db, 'ScanCommand');
}, 120_000);

afterAll(async () => {
  await moduleRef?.close();
  await stack?.stop();
});

/** A READY file of `size` bytes, made as a client makes it: create, PUT, complete. */
async function readyFile(userId: string, size: number): Promise<string> {
  const created = await service.create(userId, { file_name: 'ready.bin', size });
  const put = await fetch(created.upload_url as string, {
    method: 'PUT',
    headers: created.upload_headers,
    body: new Uint8Array(size),
  });
  expect(put.status).toBe(200);
  await service.complete(userId, created.file_id);
  return created.file_id;
}

/** Writes a row as it is, as a version from before the sweep-work index wrote it. */
const putRaw = (item: object) => putRowAsIs(db, stack.filesTable, { ...item });

function legacyUpload(userId: string, size: number): FileRecord {
  const fileId = randomUUID();
  return {
    user_id: userId,
    file_id: fileId,
    file_name: 'legacy.bin',
    content_type: 'application/octet-stream',
    size,
    status: 'UPLOADING',
    object_key: `${userId}/${fileId}`,
    created_at: now.toISOString(),
    uploaded_at: now.toISOString(),
    // Before upload_expires_at, the deadline was the TTL attribute; already past here.
    expires_at: epochSeconds(now) - 1,
  };
}

describe('the sweep finds its work without scanning the table', () => {
  it('upgrades rows of earlier versions in a one-off pass, then scans no more', async () => {
    // A table some earlier version filled: its marker says nothing, its rows lack sweep keys.
    await deleteRowAsIs(db, stack.filesTable, { user_id: '#meta', file_id: '#schema' });
    const owner = newUser();
    const legacy = legacyUpload(owner, 40);
    await putRaw(legacy);
    await putRaw({ user_id: owner, file_id: USAGE_KEY, used_bytes: 40 });

    const first = await sweep();
    expect(scans.count).toBe(1);
    expect(first.upgraded).toBeGreaterThanOrEqual(2); // the upload and the usage row
    // Upgraded into the index, and so found and removed by the same sweep.
    expect(first.abandoned).toBeGreaterThanOrEqual(1);
    expect((await files.get(owner, legacy.file_id))?.status).toBe('DELETED');
    expect(await usage.used(owner)).toBe(0);

    // A pass that finds nothing left writes the marker; after it, sweeps do not scan.
    expect((await sweep()).upgraded).toBe(0);
    expect(scans.count).toBe(2);
    await sweep();
    expect(scans.count).toBe(2);

    // So a row written the old way after the marker is not looked for (the marker says no
    // earlier version writes any more).
    const late = legacyUpload(owner, 1);
    await putRaw(late);
    expect((await sweep()).upgraded).toBe(0);
    expect(scans.count).toBe(2);
    const row = await files.get(owner, late.file_id);
    expect(row?.status).toBe('UPLOADING');
    expect(row?.sweep_at).toBeUndefined();
  });

  it('removes an upload abandoned past its deadline, found through the index', async () => {
    const owner = newUser();
    const kept = await readyFile(owner, 3);
    const created = await service.create(owner, { file_name: 'never.bin', size: 9 });
    expect(await usage.used(owner)).toBe(12);
    advance(UPLOAD_TTL_SECONDS - 1);
    expect((await sweep()).abandoned).toBe(0);
    advance(1);
    const scansBefore = scans.count;
    expect((await sweep()).abandoned).toBe(1);
    expect(scans.count).toBe(scansBefore);
    expect((await files.get(owner, created.file_id))?.status).toBe('DELETED');
    expect((await files.get(owner, kept))?.status).toBe('READY');
    expect(await usage.used(owner)).toBe(3);
  });
});

describe('usage reconciliation', () => {
  it('gives back bytes a create reserved before it crashed, once the grace is over', async () => {
    const owner = newUser();
    await readyFile(owner, 5);
    // The injected crash: the create's reservation landed, its row never did (nor its release).
    expect(await usage.reserve(owner, 1000, undefined, epochSeconds(now))).toBe(true);
    expect(await usage.used(owner)).toBe(1005);

    advance(RECONCILE_GRACE_SECONDS - 1);
    const early = await sweep();
    expect(early.corrected).toBe(0);
    expect(await usage.used(owner)).toBe(1005);

    advance(1);
    const due = await sweep();
    expect(due.reconciled).toBeGreaterThanOrEqual(1);
    expect(due.corrected).toBe(1);
    expect(await usage.used(owner)).toBe(5);
    // Out of the index until the next reservation.
    advance(RECONCILE_GRACE_SECONDS);
    expect((await sweep()).reconciled).toBe(0);
    expect(await usage.used(owner)).toBe(5);
  });

  it('does not overwrite a reservation made between its read and its write', async () => {
    const owner = newUser();
    await readyFile(owner, 5);
    await usage.reserve(owner, 1000, undefined, epochSeconds(now)); // crashed create
    advance(RECONCILE_GRACE_SECONDS);
    const rows = files.rowsHoldingBytes.bind(files);
    const spy = jest.spyOn(files, 'rowsHoldingBytes').mockImplementationOnce(async function* (
      userId: string,
    ) {
      // A create reserves while the sweep reads the rows (its row is not written yet).
      await usage.reserve(userId, 7, undefined, epochSeconds(now));
      yield* rows(userId);
    });
    const raced = await sweep();
    expect(spy).toHaveBeenCalledWith(owner);
    expect(raced.reconciled).toBe(0);
    expect(raced.corrected).toBe(0);
    expect(await usage.used(owner)).toBe(1012);

    // That reservation marked the row again: its own grace later, the count is put right (the
    // racing create never wrote its row either, so only the READY file remains).
    advance(RECONCILE_GRACE_SECONDS - 1);
    expect((await sweep()).corrected).toBe(0);
    advance(1);
    expect((await sweep()).corrected).toBe(1);
    expect(await usage.used(owner)).toBe(5);
  });

  it('counts a removal in progress until it released its bytes', async () => {
    const owner = newUser();
    const unreleased = await readyFile(owner, 3);
    const released = await readyFile(owner, 4);
    // Both being removed by another remover that holds their leases for long.
    for (const fileId of [unreleased, released]) {
      await files.markDeleted(owner, fileId, now.toISOString());
      expect(
        await files.claimRemoval(owner, fileId, epochSeconds(now), 10 * RECONCILE_GRACE_SECONDS),
      ).toBe(true);
    }
    await usage.releaseFile(owner, released, 4);
    await usage.reserve(owner, 50, undefined, epochSeconds(now)); // crashed create
    advance(RECONCILE_GRACE_SECONDS);
    expect((await sweep()).corrected).toBe(1);
    expect(await usage.used(owner)).toBe(3);
  });
});
