import type { FilePage, FileRecord } from '../lib/file-record';
import type { FilesRepository } from '../lib/files.repository';
import { FileExists, FileStateConflict } from '../lib/metadata-errors';

type Public<T> = { [K in keyof T]: T[K] };

/**
 * The files table in memory, with the repository's conditional-write semantics. The same
 * behaviour spec runs against this and against dynalite, so the two cannot drift apart.
 */
export class FakeFilesRepository implements Public<FilesRepository> {
  readonly rows = new Map<string, FileRecord>();

  async create(record: FileRecord): Promise<void> {
    const key = rowKey(record.user_id, record.file_id);
    if (this.rows.has(key)) throw new FileExists(record.file_id);
    this.rows.set(key, structuredClone(record));
  }

  async get(userId: string, fileId: string): Promise<FileRecord | undefined> {
    return this.copy(userId, fileId);
  }

  async list(
    userId: string,
    limit: number,
    afterFileId?: string,
    nowSeconds = Math.floor(Date.now() / 1000),
  ): Promise<FilePage> {
    const all = [...this.rows.values()]
      .filter(
        (r) =>
          r.user_id === userId && r.status !== 'DELETED' && (r.expires_at ?? Infinity) > nowSeconds,
      )
      .sort((a, b) => (a.file_id < b.file_id ? 1 : -1))
      .filter((r) => afterFileId === undefined || r.file_id < afterFileId);
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
    delete row.upload_id;
    return structuredClone(row);
  }

  async markDeleted(
    userId: string,
    fileId: string,
    deletedAt: string,
    expiresAt: number,
  ): Promise<FileRecord> {
    const row = this.expect(userId, fileId, (r) => r.status !== 'DELETED');
    Object.assign(row, {
      status: 'DELETED',
      deleted_at: deletedAt,
      expires_at: expiresAt,
      removal: 'PENDING',
    });
    return structuredClone(row);
  }

  async markAbandoned(
    userId: string,
    fileId: string,
    nowSeconds: number,
    expiresAt: number,
  ): Promise<FileRecord> {
    const row = this.expect(
      userId,
      fileId,
      (r) => r.status === 'UPLOADING' && r.expires_at !== undefined && r.expires_at <= nowSeconds,
    );
    Object.assign(row, {
      status: 'DELETED',
      deleted_at: new Date(nowSeconds * 1000).toISOString(),
      expires_at: expiresAt,
      removal: 'PENDING',
    });
    return structuredClone(row);
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
    return true;
  }

  async releaseRemovalClaim(userId: string, fileId: string): Promise<void> {
    const row = this.rows.get(rowKey(userId, fileId));
    if (row) delete row.removal_lease_until;
  }

  async completeRemoval(userId: string, fileId: string): Promise<void> {
    const row = this.rows.get(rowKey(userId, fileId));
    if (!row) return;
    row.removal = 'DONE';
    delete row.removal_lease_until;
    delete row.upload_id;
  }

  async *sweepCandidates(nowSeconds: number): AsyncGenerator<FileRecord> {
    const due = [...this.rows.values()].filter(
      (r) =>
        (r.status === 'UPLOADING' && r.expires_at !== undefined && r.expires_at <= nowSeconds) ||
        (r.status === 'DELETED' &&
          r.removal === 'PENDING' &&
          (r.removal_lease_until ?? 0) <= nowSeconds),
    );
    for (const row of due) yield structuredClone(row);
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

const rowKey = (userId: string, fileId: string): string => `${userId}/${fileId}`;
