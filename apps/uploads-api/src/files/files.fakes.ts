import type { FilePage, FileRecord, FilesRepository } from '@enclave/metadata';
import { FileStateConflict } from '@enclave/metadata';
import { MultipartCallUnsupported } from '@enclave/storage';
import type {
  CompletedPart,
  FileStorage,
  MultipartStorage,
  PresignGetInput,
  PresignPartInput,
  PresignPutInput,
  StoredObject,
  StoredPart,
} from '@enclave/storage';

type Public<T> = { [K in keyof T]: T[K] };

/** In-memory files table with the repository's conditional-write semantics. */
export class FakeFilesRepository implements Public<FilesRepository> {
  readonly rows = new Map<string, FileRecord>();
  readonly usage = new Map<string, number>();

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

  async markAbandoned(
    userId: string,
    fileId: string,
    nowSeconds: number,
    expiresAt: number,
  ): Promise<FileRecord> {
    const row = this.rows.get(`${userId}/${fileId}`);
    if (row?.status !== 'UPLOADING' || (row.expires_at ?? Infinity) > nowSeconds)
      throw new FileStateConflict(row && { ...row });
    Object.assign(row, { status: 'DELETED', expires_at: expiresAt });
    return { ...row };
  }

  async *abandonedUploads(nowSeconds: number): AsyncGenerator<FileRecord> {
    const rows = [...this.rows.values()].filter(
      (r) => r.status === 'UPLOADING' && (r.expires_at ?? Infinity) <= nowSeconds,
    );
    for (const row of rows) yield { ...row };
  }

  async reserveBytes(userId: string, bytes: number, quota?: number): Promise<boolean> {
    const used = this.usage.get(userId) ?? 0;
    if (quota !== undefined && used + bytes > quota) return false;
    this.usage.set(userId, used + bytes);
    return true;
  }

  async releaseBytes(userId: string, bytes: number): Promise<void> {
    this.usage.set(userId, (this.usage.get(userId) ?? 0) - bytes);
  }

  async usedBytes(userId: string): Promise<number> {
    return this.usage.get(userId) ?? 0;
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

/** In-memory multipart uploads: parts are recorded when the test says they were PUT. */
export class FakeMultipartStorage implements Public<MultipartStorage> {
  readonly uploads = new Map<
    string,
    { key: string; parts: Map<number, StoredPart>; checksums: boolean }
  >();
  readonly aborted: string[] = [];
  readonly signedParts: PresignPartInput[] = [];
  listingSupported = true;
  private nextId = 1;

  constructor(private readonly objects: FakeFileStorage) {}

  async create(key: string, _contentType: string, partChecksums: boolean): Promise<string> {
    const id = `upload-${this.nextId++}`;
    this.uploads.set(id, { key, parts: new Map(), checksums: partChecksums });
    return id;
  }

  async presignPart(
    input: PresignPartInput,
  ): Promise<{ url: string; headers: Record<string, string> }> {
    this.signedParts.push(input);
    return { url: `https://s3.test/${input.key}?partNumber=${input.partNumber}`, headers: {} };
  }

  /** What a client's PUT to a part URL does. */
  putPart(uploadId: string, partNumber: number, size: number): string {
    const etag = `"etag-${partNumber}"`;
    this.uploads.get(uploadId)?.parts.set(partNumber, { partNumber, etag, size });
    return etag;
  }

  async listParts(_key: string, uploadId: string): Promise<StoredPart[]> {
    if (!this.listingSupported) throw new MultipartCallUnsupported('ListParts');
    return [...(this.uploads.get(uploadId)?.parts.values() ?? [])].sort(
      (a, b) => a.partNumber - b.partNumber,
    );
  }

  async complete(key: string, uploadId: string, parts: CompletedPart[]): Promise<boolean> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return false;
    let size = 0;
    for (const part of parts) {
      const stored = upload.parts.get(part.partNumber);
      if (stored?.etag !== part.etag)
        throw Object.assign(new Error('bad part'), { name: 'InvalidPart' });
      size += stored.size;
    }
    this.objects.objects.set(key, size);
    this.uploads.delete(uploadId);
    return true;
  }

  async abort(_key: string, uploadId: string): Promise<void> {
    this.aborted.push(uploadId);
    this.uploads.delete(uploadId);
  }
}
