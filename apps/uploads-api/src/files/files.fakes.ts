import type { FilePage, FileRecord, FilesRepository } from '@enclave/metadata';
import { FileStateConflict } from '@enclave/metadata';
import type { FileStorage, PresignGetInput, PresignPutInput, StoredObject } from '@enclave/storage';

type Public<T> = { [K in keyof T]: T[K] };

/** In-memory files table with the repository's conditional-write semantics. */
export class FakeFilesRepository implements Public<FilesRepository> {
  readonly rows = new Map<string, FileRecord>();

  onModuleDestroy(): void {
    // nothing to release
  }

  async create(record: FileRecord): Promise<void> {
    const key = `${record.user_id}/${record.file_id}`;
    if (this.rows.has(key))
      throw Object.assign(new Error('exists'), { name: 'ConditionalCheckFailedException' });
    this.rows.set(key, { ...record });
  }

  async get(userId: string, fileId: string): Promise<FileRecord | undefined> {
    const row = this.rows.get(`${userId}/${fileId}`);
    return row && { ...row };
  }

  async list(
    userId: string,
    limit: number,
    afterFileId?: string,
    nowSeconds = 0,
  ): Promise<FilePage> {
    const all = [...this.rows.values()]
      .filter(
        (r) =>
          r.user_id === userId && r.status !== 'DELETED' && (r.expires_at ?? Infinity) > nowSeconds,
      )
      .sort((a, b) => b.file_id.localeCompare(a.file_id))
      .filter((r) => afterFileId === undefined || r.file_id < afterFileId);
    const files = all.slice(0, limit);
    return { files, lastFileId: all.length > limit ? files[files.length - 1]?.file_id : undefined };
  }

  async markReady(
    userId: string,
    fileId: string,
    size: number,
    uploadedAt: string,
  ): Promise<FileRecord> {
    const row = this.rows.get(`${userId}/${fileId}`);
    if (row?.status !== 'UPLOADING') throw new FileStateConflict(row && { ...row });
    Object.assign(row, { status: 'READY', size, uploaded_at: uploadedAt });
    delete row.expires_at;
    return { ...row };
  }

  async markDeleted(
    userId: string,
    fileId: string,
    deletedAt: string,
    expiresAt: number,
  ): Promise<FileRecord> {
    const row = this.rows.get(`${userId}/${fileId}`);
    if (!row || row.status === 'DELETED') throw new FileStateConflict(row && { ...row });
    Object.assign(row, { status: 'DELETED', deleted_at: deletedAt, expires_at: expiresAt });
    return { ...row };
  }
}

/** In-memory object store that records what was signed. */
export class FakeFileStorage implements Public<FileStorage> {
  readonly objects = new Map<string, number>();
  readonly signedPuts: PresignPutInput[] = [];
  readonly signedGets: PresignGetInput[] = [];
  failDeletes = false;

  onModuleDestroy(): void {
    // nothing to release
  }

  async presignPut(
    input: PresignPutInput,
  ): Promise<{ url: string; headers: Record<string, string> }> {
    this.signedPuts.push(input);
    return {
      url: `https://s3.test/${input.key}?put`,
      headers: { 'Content-Type': input.contentType },
    };
  }

  async presignGet(input: PresignGetInput): Promise<string> {
    this.signedGets.push(input);
    return `https://s3.test/${input.key}?get`;
  }

  async head(key: string): Promise<StoredObject | undefined> {
    const size = this.objects.get(key);
    return size === undefined ? undefined : { size };
  }

  async delete(key: string): Promise<void> {
    if (this.failDeletes) throw Object.assign(new Error('down'), { code: 'ECONNREFUSED' });
    this.objects.delete(key);
  }
}
