import type { FileRecord } from '../lib/file-record';
import type { FilesRepository } from '../lib/files.repository';
import { FileExists, FileStateConflict } from '../lib/metadata-errors';
import {
  RECONCILE_GRACE_SECONDS,
  type StorageUsageRepository,
} from '../lib/storage-usage.repository';

type Public<T> = { [K in keyof T]: T[K] };

export interface MetadataUnderTest {
  files: Public<FilesRepository>;
  usage: Public<StorageUsageRepository>;
  /** Writes a row as it is, as code from before the live index and upload_expires_at wrote it. */
  putLegacyRow(record: FileRecord): Promise<void>;
  /** Writes a usage row as code from before usage versions wrote it. */
  putLegacyUsage(userId: string, usedBytes: number): Promise<void>;
}

const NOW = 1_800_000_000;

/** A row; zero-padded ids sort like the UUIDv7s the service uses. */
function record(userId: string, n: number, overrides: Partial<FileRecord> = {}): FileRecord {
  const fileId = `0000000${n}`.slice(-8);
  return {
    user_id: userId,
    file_id: fileId,
    file_name: `f${n}.txt`,
    content_type: 'text/plain',
    size: n,
    status: 'READY',
    object_key: `${userId}/${fileId}`,
    created_at: '2026-11-23T00:00:00.000Z',
    uploaded_at: '2026-11-23T00:00:00.000Z',
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error,
  );
}

/**
 * What the metadata repositories promise, run against both the in-memory fakes and dynalite:
 * a fake that drifts from the real adapter fails here first.
 */
export function describeMetadataBehaviour(
  name: string,
  setUp: () => Promise<MetadataUnderTest & { tearDown(): Promise<void> }>,
): void {
  describe(`metadata repositories (${name})`, () => {
    let files: MetadataUnderTest['files'];
    let usage: MetadataUnderTest['usage'];
    let putLegacyRow: MetadataUnderTest['putLegacyRow'];
    let putLegacyUsage: MetadataUnderTest['putLegacyUsage'];
    let tearDown: () => Promise<void>;
    let runs = 0;
    // Every test gets users of its own: the real table is shared by the whole suite.
    const user = (label: string) => `${label}-${runs}`;

    beforeAll(async () => {
      ({ files, usage, putLegacyRow, putLegacyUsage, tearDown } = await setUp());
    });
    beforeEach(() => {
      runs++;
    });
    afterAll(async () => {
      await tearDown?.();
    });

    /** The owner's files the sweep is offered at `at`, by id. */
    const dueFiles = async (owner: string, at: number): Promise<string[]> => {
      const due: string[] = [];
      for await (const row of files.sweepCandidates(at))
        if (row.user_id === owner) due.push(row.file_id);
      return due.sort();
    };
    /** Whether the sweep is offered the owner's usage to reconcile at `at`. */
    const dueUsage = async (owner: string, at: number): Promise<boolean> => {
      for await (const work of files.sweepWork(at))
        if (work.kind === 'usage' && work.userId === owner) return true;
      return false;
    };

    it('refuses to create the same file twice', async () => {
      await files.create(record(user('dup'), 1));
      expect(await rejection(files.create(record(user('dup'), 1)))).toBeInstanceOf(FileExists);
    });

    it('pages newest first past deleted rows and abandoned uploads, filling every page', async () => {
      const owner = user('pager');
      for (let n = 1; n <= 12; n++) {
        const hidden =
          n > 6 && n % 3 === 0
            ? { status: 'DELETED' as const, expires_at: NOW + 999 }
            : n % 4 === 0
              ? { status: 'UPLOADING' as const, upload_expires_at: NOW - 1 }
              : {};
        await files.create(record(owner, n, hidden));
      }
      // Deleted the usual way, after being listed.
      expect((await files.list(owner, 20, undefined, NOW)).files).toHaveLength(8);
      for (const n of [3, 6]) await files.markDeleted(owner, `0000000${n}`, 'then');
      const seen: string[] = [];
      const pageSizes: number[] = [];
      let after: string | undefined;
      do {
        const page = await files.list(owner, 2, after, NOW);
        pageSizes.push(page.files.length);
        seen.push(...page.files.map((f) => f.file_id));
        after = page.lastFileId;
      } while (after);
      expect(seen).toEqual([11, 10, 7, 5, 2, 1].map((n) => `0000000${n}`.slice(-8)));
      // Full pages until the end, although filters empty some raw pages; DynamoDB may then
      // hand out one last cursor that leads to an empty page.
      expect(pageSizes.slice(0, 3)).toEqual([2, 2, 2]);
      expect(pageSizes.slice(3).every((size) => size === 0)).toBe(true);
    });

    it('continues after a cursor whose file was deleted since', async () => {
      const owner = user('cursor');
      for (let n = 1; n <= 4; n++) await files.create(record(owner, n));
      const first = await files.list(owner, 2, undefined, NOW);
      expect(first.lastFileId).toBe('00000003');
      await files.markDeleted(owner, '00000003', 'then');
      const next = await files.list(owner, 2, first.lastFileId, NOW);
      expect(next.files.map((f) => f.file_id)).toEqual(['00000002', '00000001']);
    });

    it('lists an upload until its deadline, then no more', async () => {
      const owner = user('deadline');
      await files.create(record(owner, 1, { status: 'UPLOADING', upload_expires_at: NOW + 60 }));
      expect((await files.list(owner, 10, undefined, NOW)).files).toHaveLength(1);
      expect((await files.list(owner, 10, undefined, NOW + 60)).files).toEqual([]);
    });

    it('yields every live file of one user, overdue uploads too, never tombstones', async () => {
      const owner = user('all-live');
      await files.create(record(owner, 1));
      await files.create(record(owner, 2, { status: 'UPLOADING', upload_expires_at: NOW - 1 }));
      await files.create(record(owner, 3));
      await files.markDeleted(owner, '00000003', 'then');
      await files.create(record(user('neighbour'), 4));
      const live: string[] = [];
      for await (const row of files.allLive(owner)) live.push(row.file_id);
      expect(live.sort()).toEqual(['00000001', '00000002']);
    });

    it("yields one user's tombstones whose removal is unfinished, nothing else", async () => {
      const owner = user('unfinished');
      for (const n of [1, 2, 3]) await files.create(record(owner, n));
      await files.markDeleted(owner, '00000001', 'then');
      await files.markDeleted(owner, '00000002', 'then');
      await files.completeRemoval(owner, '00000002', NOW + 60);
      await files.create(record(user('other'), 4));
      await files.markDeleted(user('other'), '00000004', 'then');
      const pending: string[] = [];
      for await (const row of files.unfinishedRemovals(owner)) pending.push(row.file_id);
      expect(pending).toEqual(['00000001']);
    });

    it('lists nothing of another user, and never the usage row', async () => {
      await files.create(record(user('owner'), 1));
      await usage.reserve(user('owner'), 10);
      expect((await files.list(user('stranger'), 10, undefined, NOW)).files).toEqual([]);
      expect((await files.list(user('owner'), 10, undefined, NOW)).files).toHaveLength(1);
    });

    it('moves UPLOADING to READY once, dropping its deadline and upload id', async () => {
      const owner = user('ready');
      await files.create(
        record(owner, 5, { status: 'UPLOADING', upload_expires_at: NOW + 60, upload_id: 'x' }),
      );
      const ready = await files.markReady(owner, '00000005', 5, '2026-11-23T01:00:00.000Z');
      expect(ready).toMatchObject({
        status: 'READY',
        size: 5,
        uploaded_at: '2026-11-23T01:00:00.000Z',
      });
      expect(ready.expires_at).toBeUndefined();
      expect(ready.upload_expires_at).toBeUndefined();
      expect(ready.upload_id).toBeUndefined();
      expect(await files.get(owner, '00000005')).toEqual(ready);
      const again = await rejection(files.markReady(owner, '00000005', 5, 'later'));
      expect(again).toBeInstanceOf(FileStateConflict);
      expect((again as FileStateConflict).current?.status).toBe('READY');
    });

    it('marks a file DELETED once, its removal PENDING, keeping what the removal needs', async () => {
      const owner = user('del');
      await files.create(
        record(owner, 7, { status: 'UPLOADING', upload_id: 'up-7', upload_expires_at: NOW + 9 }),
      );
      const tombstone = await files.markDeleted(owner, '00000007', 'then');
      expect(tombstone).toMatchObject({
        status: 'DELETED',
        deleted_at: 'then',
        removal: 'PENDING',
        upload_id: 'up-7',
        object_key: `${owner}/00000007`,
      });
      expect(tombstone.live_file_id).toBeUndefined();
      const again = await rejection(files.markDeleted(owner, '00000007', 'now'));
      expect((again as FileStateConflict).current?.status).toBe('DELETED');
      const missing = await rejection(files.markDeleted(owner, 'nope', 'now'));
      expect(missing).toBeInstanceOf(FileStateConflict);
      expect((missing as FileStateConflict).current).toBeUndefined();
    });

    it('abandons only uploads whose time is up', async () => {
      const owner = user('abandon');
      await files.create(record(owner, 1, { status: 'UPLOADING', upload_expires_at: NOW - 1 }));
      await files.create(record(owner, 2, { status: 'UPLOADING', upload_expires_at: NOW + 60 }));
      await files.create(record(owner, 3));
      expect(await files.markAbandoned(owner, '00000001', NOW)).toMatchObject({
        status: 'DELETED',
        removal: 'PENDING',
      });
      for (const id of ['00000002', '00000003'])
        expect(await rejection(files.markAbandoned(owner, id, NOW))).toBeInstanceOf(
          FileStateConflict,
        );
    });

    it('puts a TTL (expires_at) only on tombstones whose removal is done', async () => {
      const owner = user('ttl');
      const ttlOf = async (id: string) => (await files.get(owner, id))?.expires_at;
      const uploading = { status: 'UPLOADING' as const, upload_expires_at: NOW - 1 };
      await files.create(record(owner, 1, uploading));
      await files.create(record(owner, 2, uploading));
      expect(await ttlOf('00000001')).toBeUndefined();
      await files.markReady(owner, '00000001', 1, 'then');
      expect(await ttlOf('00000001')).toBeUndefined();
      await files.markDeleted(owner, '00000001', 'then');
      await files.markAbandoned(owner, '00000002', NOW);
      for (const id of ['00000001', '00000002']) {
        expect(await ttlOf(id)).toBeUndefined();
        expect(await files.claimRemoval(owner, id, NOW, 60)).toBe(true);
        expect(await ttlOf(id)).toBeUndefined();
        await files.completeRemoval(owner, id, NOW + 3600);
        expect(await ttlOf(id)).toBe(NOW + 3600);
      }
      // Not on a live row, even if asked.
      await files.create(record(owner, 3));
      await files.completeRemoval(owner, '00000003', NOW);
      expect(await ttlOf('00000003')).toBeUndefined();
      for (const status of ['UPLOADING', 'READY'] as const)
        await expect(
          files.create(record(owner, 4, { status, expires_at: NOW + 60 })),
        ).rejects.toThrow(/expires_at/);
      expect(await files.get(owner, '00000004')).toBeUndefined();
    });

    it('upgrades, then sweeps and lists, rows written before upload_expires_at and both indexes', async () => {
      const owner = user('legacy');
      const legacyUpload = (n: number, expires: number) =>
        putLegacyRow(record(owner, n, { status: 'UPLOADING', expires_at: expires }));
      await legacyUpload(1, NOW - 1);
      await legacyUpload(2, NOW + 60);
      await putLegacyRow(record(owner, 3)); // READY
      await putLegacyRow(
        record(owner, 4, { status: 'DELETED', removal: 'PENDING', expires_at: NOW + 99 }),
      );
      await putLegacyRow(
        record(owner, 5, { status: 'DELETED', removal: 'PENDING', expires_at: NOW + 99 }),
      );
      await putLegacyUsage(owner, 7);
      // Not in the sweep-work index until upgraded, but the old expires_at is an upload's deadline.
      expect(await dueFiles(owner, NOW)).toEqual([]);
      expect(await rejection(files.markAbandoned(owner, '00000002', NOW))).toBeInstanceOf(
        FileStateConflict,
      );
      const abandoned = await files.markAbandoned(owner, '00000001', NOW);
      expect(abandoned.expires_at).toBeUndefined();
      // Claiming an old PENDING tombstone takes its TTL away.
      expect(await files.claimRemoval(owner, '00000004', NOW, 60)).toBe(true);
      expect((await files.get(owner, '00000004'))?.expires_at).toBeUndefined();

      // 2, 3, 5 and the usage row at least (other suites' rows may share the table).
      expect(await files.upgradeLegacyRows(NOW)).toBeGreaterThanOrEqual(4);
      expect(await files.upgradeLegacyRows(NOW)).toBe(0);
      expect(await dueFiles(owner, NOW)).toEqual(['00000001', '00000005']);
      expect(await dueFiles(owner, NOW + 60)).toEqual([
        '00000001',
        '00000002',
        '00000004',
        '00000005',
      ]);
      expect(await dueUsage(owner, NOW + RECONCILE_GRACE_SECONDS - 1)).toBe(false);
      expect(await dueUsage(owner, NOW + RECONCILE_GRACE_SECONDS)).toBe(true);
      expect((await files.list(owner, 10, undefined, NOW)).files.map((f) => f.file_id)).toEqual([
        '00000003',
        '00000002',
      ]);
      const upload = await files.get(owner, '00000002');
      expect(upload).toMatchObject({ upload_expires_at: NOW + 60, live_file_id: '00000002' });
      expect(upload?.expires_at).toBeUndefined();
      expect((await files.get(owner, '00000005'))?.expires_at).toBeUndefined();
      expect((await files.get(owner, '00000004'))?.live_file_id).toBeUndefined();

      // The pass that found nothing left wrote the schema marker: no more looking at every row.
      await legacyUpload(6, NOW - 1);
      expect(await files.upgradeLegacyRows(NOW)).toBe(0);
      expect((await files.get(owner, '00000006'))?.upload_expires_at).toBeUndefined();
      expect(await dueFiles(owner, NOW)).not.toContain('00000006');
    });

    it('offers an upload to the sweep from its deadline until it completes', async () => {
      const owner = user('upload-due');
      await files.create(record(owner, 1, { status: 'UPLOADING', upload_expires_at: NOW + 60 }));
      await files.create(record(owner, 2, { status: 'UPLOADING', upload_expires_at: NOW + 60 }));
      expect(await dueFiles(owner, NOW + 59)).toEqual([]);
      expect(await dueFiles(owner, NOW + 60)).toEqual(['00000001', '00000002']);
      await files.markReady(owner, '00000001', 1, 'then');
      expect(await dueFiles(owner, NOW + 999)).toEqual(['00000002']);
      expect((await files.get(owner, '00000001'))?.sweep_at).toBeUndefined();
    });

    it('offers a removal given back at once, and a finished one never', async () => {
      const owner = user('removal-due');
      await files.create(record(owner, 1));
      await files.markDeleted(owner, '00000001', 'then');
      expect(await files.claimRemoval(owner, '00000001', NOW, 60)).toBe(true);
      expect(await dueFiles(owner, NOW + 59)).toEqual([]);
      await files.releaseRemovalClaim(owner, '00000001');
      expect(await dueFiles(owner, NOW)).toEqual(['00000001']);
      expect(await files.claimRemoval(owner, '00000001', NOW, 60)).toBe(true);
      await files.completeRemoval(owner, '00000001', NOW + 999);
      await files.releaseRemovalClaim(owner, '00000001');
      expect(await dueFiles(owner, NOW + 9999)).toEqual([]);
    });

    it("offers a user's usage for reconciliation once their last reservation is old enough", async () => {
      const owner = user('usage-due');
      expect(await usage.reserve(owner, 10, undefined, NOW)).toBe(true);
      expect(await usage.reserve(owner, 5, 100, NOW + 60)).toBe(true);
      expect(await dueUsage(owner, NOW + RECONCILE_GRACE_SECONDS)).toBe(false);
      expect(await dueUsage(owner, NOW + 60 + RECONCILE_GRACE_SECONDS)).toBe(true);
      // Reconciled: out of the index until the next reservation.
      const read = await usage.snapshot(owner);
      expect(read.usedBytes).toBe(15);
      expect(await usage.reconcile(owner, 12, read)).toBe(true);
      expect(await usage.used(owner)).toBe(12);
      expect(await dueUsage(owner, NOW + 99 * RECONCILE_GRACE_SECONDS)).toBe(false);
      expect(await usage.reserve(owner, 1, undefined, NOW + 120)).toBe(true);
      expect(await dueUsage(owner, NOW + 120 + RECONCILE_GRACE_SECONDS)).toBe(true);
    });

    it('refuses a reconciliation once the count changed since it was read', async () => {
      const owner = user('usage-race');
      await usage.reserve(owner, 10, undefined, NOW);
      for (const change of [
        () => usage.reserve(owner, 1, undefined, NOW),
        () => usage.release(owner, 1),
        () => usage.releaseFile(owner, 'f', 1),
        () => usage.forgetFileRelease(owner, 'f'),
      ]) {
        const read = await usage.snapshot(owner);
        await change();
        expect(await usage.reconcile(owner, 0, read)).toBe(false);
        expect(await usage.used(owner)).not.toBe(0);
      }
      expect(await usage.reconcile(owner, 0, await usage.snapshot(user('nobody')))).toBe(false);
    });

    it('tells reconciliation which files were released', async () => {
      const owner = user('usage-markers');
      await usage.reserve(owner, 10, undefined, NOW);
      await usage.releaseFile(owner, 'f1', 4);
      const read = await usage.snapshot(owner);
      expect([read.released('f1'), read.released('f2'), read.usedBytes]).toEqual([true, false, 6]);
    });

    it("yields the user's rows whose bytes may be counted, not finished tombstones or the usage row", async () => {
      const owner = user('held');
      await files.create(record(owner, 1));
      await files.create(record(owner, 2, { status: 'UPLOADING', upload_expires_at: NOW - 1 }));
      await files.create(record(owner, 3));
      await files.markDeleted(owner, '00000003', 'then');
      await files.create(record(owner, 4));
      await files.markDeleted(owner, '00000004', 'then');
      await files.completeRemoval(owner, '00000004', NOW + 60);
      await usage.reserve(owner, 10, undefined, NOW);
      await files.create(record(user('neighbour'), 5));
      const held: unknown[] = [];
      for await (const row of files.rowsHoldingBytes(owner)) held.push(row);
      expect(held).toEqual([
        { file_id: '00000001', size: 1, status: 'READY' },
        { file_id: '00000002', size: 2, status: 'UPLOADING' },
        { file_id: '00000003', size: 3, status: 'DELETED', removal: 'PENDING' },
      ]);
    });

    it('lets one remover at a time hold a removal, until its lease runs out or it gives it back', async () => {
      const owner = user('claim');
      await files.create(record(owner, 1, { upload_id: 'up-1' }));
      expect(await files.claimRemoval(owner, '00000001', NOW, 60)).toBe(false); // not deleted
      await files.markDeleted(owner, '00000001', 'then');
      expect(await files.claimRemoval(owner, '00000001', NOW, 60)).toBe(true);
      expect(await files.claimRemoval(owner, '00000001', NOW + 59, 60)).toBe(false);
      expect(await files.claimRemoval(owner, '00000001', NOW + 60, 60)).toBe(true);
      await files.releaseRemovalClaim(owner, '00000001');
      expect(await files.claimRemoval(owner, '00000001', NOW + 61, 60)).toBe(true);
      await files.completeRemoval(owner, '00000001', NOW + 500);
      await files.completeRemoval(owner, '00000001', NOW + 500);
      expect(await files.claimRemoval(owner, '00000001', NOW + 999, 60)).toBe(false);
      const done = await files.get(owner, '00000001');
      expect(done).toMatchObject({ status: 'DELETED', removal: 'DONE', expires_at: NOW + 500 });
      expect(done?.upload_id).toBeUndefined();
      expect(done?.removal_lease_until).toBeUndefined();
    });

    it('offers the sweep expired uploads and unfinished removals no one holds, nothing else', async () => {
      const owner = user('sweep');
      await files.create(record(owner, 1, { status: 'UPLOADING', upload_expires_at: NOW - 1 }));
      await files.create(record(owner, 2, { status: 'UPLOADING', upload_expires_at: NOW + 60 }));
      await files.create(record(owner, 3));
      await files.create(record(owner, 4));
      await files.markDeleted(owner, '00000004', 'then'); // PENDING, unheld
      await files.create(record(owner, 5));
      await files.markDeleted(owner, '00000005', 'then');
      await files.claimRemoval(owner, '00000005', NOW, 60); // held
      await files.create(record(owner, 6));
      await files.markDeleted(owner, '00000006', 'then');
      await files.completeRemoval(owner, '00000006', NOW + 999); // done
      await files.create(record(owner, 7, { status: 'DELETED', expires_at: NOW + 999 })); // old tombstone
      const due: string[] = [];
      for await (const row of files.sweepCandidates(NOW))
        if (row.user_id === owner) due.push(row.file_id);
      expect(due.sort()).toEqual(['00000001', '00000004']);
    });

    it('reserves bytes within the quota and refuses past it', async () => {
      const owner = user('quota');
      expect(await usage.reserve(owner, 60, 100)).toBe(true);
      expect(await usage.reserve(owner, 41, 100)).toBe(false);
      expect(await usage.reserve(owner, 40, 100)).toBe(true);
      expect(await usage.reserve(owner, 1, undefined)).toBe(true);
      expect(await usage.used(owner)).toBe(101);
      await usage.release(owner, 101);
      expect(await usage.used(owner)).toBe(0);
    });

    it("releases a file's bytes exactly once however often it is asked", async () => {
      const owner = user('release');
      await usage.reserve(owner, 30);
      const answers = await Promise.all([1, 2, 3].map(() => usage.releaseFile(owner, 'f1', 30)));
      expect(answers.filter(Boolean)).toHaveLength(1);
      expect(await usage.releaseFile(owner, 'f1', 30)).toBe(false);
      expect(await usage.used(owner)).toBe(0);
      await usage.forgetFileRelease(owner, 'f1');
      await usage.forgetFileRelease(owner, 'f1');
      expect(await usage.used(owner)).toBe(0);
    });
  });
}
