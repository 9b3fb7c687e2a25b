import { type FilePage, type FileRecord, sweepShard, uploadDeadline } from '../lib/file-record';
import {
  type FilesRepository,
  type HeldRow,
  SCHEMA_VERSION,
  type SweepWork,
} from '../lib/files.repository';
import { FileExists, FileStateConflict } from '../lib/metadata-errors';
import type { FakeStorageUsageRepository } from './fake-storage-usage.repository';

type Public<T> = { [K in keyof T]: T[K] };

/**
 * The files table in memory, with the repository's conditional-write semantics. The same
 * behaviour spec runs against this and against dynalite, so the two cannot drift apart.
 */
export class FakeFilesRepository implements Public<FilesRepository> {
  readonly rows = new Map<string, FileRecord>();
  /** The table's schema marker; upgradeLegacyRows looks at rows only while it is behind. */
  schemaVersion = 0;
  /** How often upgradeLegacyRows went through every row (a Scan, on the table). */
  scans = 0;

  /** With the usage fake that shares its table, so the sweep meets usage rows due too. */
  constructor(private readonly usage?: FakeStorageUsageRepository) {}

  async create(record: FileRecord): Promise<void> {
    if (record.expires_at !== undefined && !ownedByNoOne(record))
      throw new Error(
        `FakeFilesRepository.create: a ${record.status} row may not carry expires_at`,
      );
    const key = rowKey(record.user_id, record.file_id);
    if (this.rows.has(key)) throw new FileExists(record.file_id);
    const row = structuredClone(record);
    if (row.status === 'DELETED') delete row.live_file_id;
    else row.live_file_id = row.file_id;
    delete row.sweep_shard;
    delete row.sweep_at;
    const due =
      row.status === 'UPLOADING'
        ? uploadDeadline(row)
        : row.status === 'DELETED' && row.removal === 'PENDING'
          ? (row.removal_lease_until ?? 0)
          : undefined;
    if (due !== undefined) setSweep(row, due);
    this.rows.set(key, row);
  }

  /** Stores a row exactly as given, past the repository's rules: a row older code wrote. */
  putRow(record: FileRecord): void {
    this.rows.set(rowKey(record.user_id, record.file_id), structuredClone(record));
  }

  async get(userId: string, fileId: string): Promise<FileRecord | undefined> {
    return this.copy(userId, fileId);
  }

  async *allLive(userId: string): AsyncGenerator<FileRecord> {
    for (const row of [...this.rows.values()]) {
      if (row.user_id === userId && row.live_file_id !== undefined) yield row;
    }
  }

  async *unfinishedRemovals(userId: string): AsyncGenerator<FileRecord> {
    for (const row of [...this.rows.values()]) {
      if (row.user_id === userId && row.status === 'DELETED' && row.removal === 'PENDING')
        yield row;
    }
  }

  async list(
    userId: string,
    limit: number,
    afterFileId?: string,
    nowSeconds = Math.floor(Date.now() / 1000),
  ): Promise<FilePage> {
    // The live-files index: only rows carrying live_file_id.
    const all = [...this.rows.values()]
      .filter(
        (r) =>
          r.user_id === userId &&
          r.live_file_id !== undefined &&
          r.status !== 'DELETED' &&
          !uploadDue(r, nowSeconds),
      )
      .sort((a, b) => ((a.live_file_id ?? '') < (b.live_file_id ?? '') ? 1 : -1))
      .filter((r) => afterFileId === undefined || (r.live_file_id ?? '') < afterFileId);
    const files = all.slice(0, limit).map((r) => structuredClone(r));
    return { files, lastFileId: all.length > limit ? files[files.length - 1]?.file_id : undefined };
  }

  async markReady(
    userId: string,
    fileId: string,
    size: number,
    uploadedAt: string,
  ): Promise<FileRecord> {
    const row = this.expect(userId, fileId, (r) => r.status === 'UPLOADING');
    Object.assign(row, { status: 'READY', size, uploaded_at: uploadedAt });
    delete row.expires_at;
    delete row.upload_expires_at;
    delete row.upload_id;
    delete row.sweep_shard;
    delete row.sweep_at;
    return structuredClone(row);
  }

  async markDeleted(userId: string, fileId: string, deletedAt: string): Promise<FileRecord> {
    const row = this.expect(userId, fileId, (r) => r.status !== 'DELETED');
    return tombstone(row, deletedAt, 0);
  }

  async markAbandoned(userId: string, fileId: string, nowSeconds: number): Promise<FileRecord> {
    const row = this.expect(userId, fileId, (r) => uploadDue(r, nowSeconds));
    return tombstone(row, new Date(nowSeconds * 1000).toISOString(), nowSeconds);
  }

  async claimRemoval(
    userId: string,
    fileId: string,
    nowSeconds: number,
    leaseSeconds: number,
  ): Promise<boolean> {
    const row = this.rows.get(rowKey(userId, fileId));
    if (row?.removal !== 'PENDING' || (row.removal_lease_until ?? 0) > nowSeconds) return false;
    row.removal_lease_until = nowSeconds + leaseSeconds;
    setSweep(row, row.removal_lease_until);
    delete row.expires_at;
    return true;
  }

  async releaseRemovalClaim(userId: string, fileId: string): Promise<void> {
    const row = this.rows.get(rowKey(userId, fileId));
    if (row?.removal !== 'PENDING') return;
    delete row.removal_lease_until;
    setSweep(row, 0);
  }

  async completeRemoval(userId: string, fileId: string, expiresAt: number): Promise<void> {
    const row = this.rows.get(rowKey(userId, fileId));
    if (row?.status !== 'DELETED') return;
    row.removal = 'DONE';
    row.expires_at = expiresAt;
    delete row.removal_lease_until;
    delete row.upload_id;
    delete row.sweep_shard;
    delete row.sweep_at;
  }

  /** As the sweep-work index: only rows carrying sweep_at, due by now, and their work still due. */
  async *sweepWork(nowSeconds: number): AsyncGenerator<SweepWork> {
    const due = [...this.rows.values()].filter(
      (r) =>
        r.sweep_at !== undefined &&
        r.sweep_at <= nowSeconds &&
        (uploadDue(r, nowSeconds) ||
          (r.status === 'DELETED' &&
            r.removal === 'PENDING' &&
            (r.removal_lease_until ?? 0) <= nowSeconds)),
    );
    for (const row of due) yield { kind: 'file', record: structuredClone(row) };
    for (const userId of this.usage?.dueUsers(nowSeconds) ?? []) yield { kind: 'usage', userId };
  }

  async *sweepCandidates(nowSeconds: number): AsyncGenerator<FileRecord> {
    for await (const work of this.sweepWork(nowSeconds))
      if (work.kind === 'file') yield work.record;
  }

  async *rowsHoldingBytes(userId: string): AsyncGenerator<HeldRow> {
    for (const row of [...this.rows.values()]) {
      const holds =
        row.status !== 'DELETED' || (row.status === 'DELETED' && row.removal === 'PENDING');
      if (row.user_id === userId && holds) {
        const { file_id, size, status, removal } = row;
        yield { file_id, size, status, ...(removal === undefined ? {} : { removal }) };
      }
    }
  }

  async upgradeLegacyRows(nowSeconds = Math.floor(Date.now() / 1000)): Promise<number> {
    if (this.schemaVersion >= SCHEMA_VERSION) return 0;
    this.scans++;
    let found = 0;
    for (const row of this.rows.values()) {
      if (row.status === 'DELETED') {
        const pending = row.removal === 'PENDING';
        if (!pending || (row.expires_at === undefined && row.sweep_at !== undefined)) continue;
        delete row.expires_at;
        setSweep(row, row.removal_lease_until ?? 0);
      } else {
        const uploading = row.status === 'UPLOADING';
        const legacyTtl = uploading && row.expires_at !== undefined;
        const unswept = uploading && row.sweep_at === undefined;
        if (row.live_file_id !== undefined && !legacyTtl && !unswept) continue;
        row.live_file_id = row.file_id;
        const deadline = uploadDeadline(row);
        if (uploading && deadline !== undefined) {
          row.upload_expires_at = deadline;
          setSweep(row, deadline);
          delete row.expires_at;
        }
      }
      found++;
    }
    found += this.usage?.upgradeLegacyRows(nowSeconds) ?? 0;
    if (found === 0) this.schemaVersion = SCHEMA_VERSION;
    return found;
  }

  private copy(userId: string, fileId: string): FileRecord | undefined {
    const row = this.rows.get(rowKey(userId, fileId));
    return row && structuredClone(row);
  }

  /** The row, when `condition` holds for it; otherwise FileStateConflict, as the table throws. */
  private expect(
    userId: string,
    fileId: string,
    condition: (row: FileRecord) => boolean,
  ): FileRecord {
    const row = this.rows.get(rowKey(userId, fileId));
    if (!row || !condition(row)) throw new FileStateConflict(this.copy(userId, fileId));
    return row;
  }
}

function ownedByNoOne(record: FileRecord): boolean {
  return record.status === 'DELETED' && record.removal !== 'PENDING';
}

function uploadDue(row: FileRecord, nowSeconds: number): boolean {
  const deadline = uploadDeadline(row);
  return row.status === 'UPLOADING' && deadline !== undefined && deadline <= nowSeconds;
}

/**
 * As the table's tombstone update: out of the live index, into the sweep-work index (due at
 * `due`), no TTL until the removal is done.
 */
function tombstone(row: FileRecord, deletedAt: string, due: number): FileRecord {
  Object.assign(row, { status: 'DELETED', deleted_at: deletedAt, removal: 'PENDING' });
  delete row.live_file_id;
  delete row.expires_at;
  delete row.upload_expires_at;
  setSweep(row, due);
  return structuredClone(row);
}

/** Into the sweep-work index, due at `due` (epoch seconds). */
function setSweep(row: FileRecord, due: number): void {
  row.sweep_shard = sweepShard(row.user_id, row.file_id);
  row.sweep_at = due;
}

const rowKey = (userId: string, fileId: string): string => `${userId}/${fileId}`;
