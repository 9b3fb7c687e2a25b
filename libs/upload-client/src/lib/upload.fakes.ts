import type { Schemas } from '@enclave/api-contract';
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ByteSource } from './byte-source';
import { ApiError } from './errors';
import type { FilesApi } from './files-api';

/** What the fake S3 does with one PUT; undefined stores the bytes. */
export type PutFault = { status: number; body?: string } | undefined;

export interface ReceivedPut {
  path: string;
  headers: IncomingMessage['headers'];
  bytes: Buffer;
}

/**
 * A loopback stand-in for S3's presigned PUT target: stores bodies by path, answers an ETag,
 * counts requests and concurrency, and can be told to fail or delay particular requests.
 */
export class FakeS3 {
  readonly objects = new Map<string, Buffer>();
  readonly puts: ReceivedPut[] = [];
  inFlight = 0;
  maxInFlight = 0;
  delayMs = 0;
  /** Consulted for every PUT, before storing. */
  fault: (path: string, attempt: number) => PutFault = () => undefined;
  private readonly attempts = new Map<string, number>();
  private server?: Server;
  baseUrl = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  putsTo(pathPrefix: string): ReceivedPut[] {
    return this.puts.filter((put) => put.path.startsWith(pathPrefix));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.baseUrl);
    const chunks: Buffer[] = [];
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let aborted = false;
    request.on('close', () => (aborted = !request.complete));
    try {
      for await (const chunk of request) chunks.push(chunk as Buffer);
      if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    } catch {
      aborted = true;
    } finally {
      this.inFlight--;
    }
    if (aborted || request.method !== 'PUT') {
      response.destroy();
      return;
    }
    const bytes = Buffer.concat(chunks);
    const attempt = (this.attempts.get(url.pathname) ?? 0) + 1;
    this.attempts.set(url.pathname, attempt);
    this.puts.push({ path: url.pathname, headers: request.headers, bytes });
    const fault = url.searchParams.get('expired')
      ? {
          status: 403,
          body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
        }
      : this.fault(url.pathname, attempt);
    if (fault) {
      response.writeHead(fault.status, { 'content-type': 'application/xml' });
      response.end(
        fault.body ?? `<Error><Code>Fault</Code><Message>status ${fault.status}</Message></Error>`,
      );
      return;
    }
    this.objects.set(url.pathname, bytes);
    const etag = `"${createHash('md5').update(bytes).digest('hex')}"`;
    response.writeHead(200, { etag });
    response.end();
  }
}

interface FakeFile {
  summary: Schemas['FileSummary'];
  multipart?: Schemas['MultipartPlan'];
  checksums: boolean;
}

export interface FakeFilesApiOptions {
  s3: FakeS3;
  /** Files of at least this size go multipart; default 1000 bytes. */
  threshold?: number;
  partSize?: number;
  /** Whether GET …/parts answers (from the fake S3's stored parts) or 501 like the local stack. */
  canListParts?: boolean;
}

/**
 * A typed, in-memory stand-in for the uploads API with the real protocol's rules: part URLs point
 * at the FakeS3, `complete` checks that every part is stored with its ETag and the sizes add up.
 */
export class FakeFilesApi implements FilesApi {
  readonly files = new Map<string, FakeFile>();
  readonly calls: { operation: string; fileId?: string; body?: unknown }[] = [];
  /** Part numbers whose next presigned URL should be already expired. */
  readonly expireNextUrl = new Set<number>();
  /** Makes the next calls of an operation fail with this status. */
  failures = new Map<string, number[]>();
  private readonly threshold: number;
  private readonly partSize: number;

  constructor(private readonly options: FakeFilesApiOptions) {
    this.threshold = options.threshold ?? 1000;
    this.partSize = options.partSize ?? 100;
  }

  callsOf(operation: string): { operation: string; fileId?: string; body?: unknown }[] {
    return this.calls.filter((call) => call.operation === operation);
  }

  async createFile(body: Schemas['CreateFileRequest']): Promise<Schemas['CreateFileResponse']> {
    this.record('createFile', undefined, body);
    const file_id = randomUUID();
    const multipart =
      body.size >= this.threshold
        ? {
            part_size: this.partSize,
            part_count: Math.max(1, Math.ceil(body.size / this.partSize)),
            ...(body.checksum_algorithm ? { checksum_algorithm: body.checksum_algorithm } : {}),
          }
        : undefined;
    const summary: Schemas['FileSummary'] = {
      file_id,
      file_name: body.file_name,
      content_type: body.content_type ?? 'application/octet-stream',
      size: body.size,
      uploaded_at: new Date().toISOString(),
      status: 'UPLOADING',
    };
    this.files.set(file_id, { summary, multipart, checksums: !!body.checksum_algorithm });
    const common = {
      file_id,
      file_name: body.file_name,
      content_type: summary.content_type,
      size: body.size,
      status: 'UPLOADING' as const,
      expires_at: new Date(Date.now() + 900_000).toISOString(),
    };
    if (multipart) return { ...common, upload_headers: {}, multipart };
    return {
      ...common,
      upload_url: `${this.options.s3.baseUrl}/files/${file_id}/object`,
      upload_method: 'PUT',
      upload_headers: { 'Content-Type': summary.content_type },
    };
  }

  async getFile(fileId: string): Promise<Schemas['FileSummary']> {
    this.record('getFile', fileId);
    return this.file(fileId).summary;
  }

  async listFiles(): Promise<Schemas['FileList']> {
    this.record('listFiles');
    return {
      user_id: 'user',
      user_files: [...this.files.values()].map((file) => file.summary),
      next_cursor: null,
    };
  }

  async presignParts(
    fileId: string,
    body: Schemas['PresignPartsRequest'],
  ): Promise<Schemas['PresignPartsResponse']> {
    this.record('presignParts', fileId, body);
    const file = this.uploading(fileId);
    const plan = file.multipart;
    if (!plan) throw this.problem(409, 'not a multipart upload');
    for (const part of body.part_numbers) {
      if (part < 1 || part > plan.part_count) throw this.problem(400, `no part ${part}`);
      if (file.checksums && !body.sha256?.[String(part)])
        throw this.problem(400, `part ${part} needs its sha256`);
    }
    return {
      file_id: fileId,
      parts: body.part_numbers.map((part_number) => {
        const expired = this.expireNextUrl.delete(part_number);
        return {
          part_number,
          url: `${this.options.s3.baseUrl}/files/${fileId}/parts/${part_number}?sig=${randomUUID()}${expired ? '&expired=1' : ''}`,
          headers: {},
          expires_at: new Date(Date.now() + 900_000).toISOString(),
        };
      }),
    };
  }

  async listUploadedParts(fileId: string): Promise<Schemas['UploadedParts']> {
    this.record('listUploadedParts', fileId);
    const file = this.uploading(fileId);
    if (!this.options.canListParts) throw this.problem(501, 'this store cannot list parts');
    const plan = file.multipart as Schemas['MultipartPlan'];
    const parts = [...this.options.s3.objects.entries()]
      .filter(([path]) => path.startsWith(`/files/${fileId}/parts/`))
      .map(([path, bytes]) => ({
        part_number: Number(path.split('/').pop()),
        etag: `"${createHash('md5').update(bytes).digest('hex')}"`,
        size: bytes.length,
      }));
    return { file_id: fileId, part_size: plan.part_size, part_count: plan.part_count, parts };
  }

  async completeFile(
    fileId: string,
    body?: Schemas['CompleteFileRequest'],
  ): Promise<Schemas['CompleteFileResponse']> {
    this.record('completeFile', fileId, body);
    const file = this.file(fileId);
    const { summary } = file;
    if (summary.status === 'UPLOADING') {
      const stored = file.multipart
        ? this.assembleParts(fileId, file, body)
        : this.options.s3.objects.get(`/files/${fileId}/object`);
      if (!stored || stored.length !== summary.size)
        throw this.problem(409, 'the bytes are not all stored yet');
      this.options.s3.objects.set(`/files/${fileId}/object`, stored);
      summary.status = 'READY';
    }
    return {
      file_id: fileId,
      file_name: summary.file_name,
      size: summary.size,
      status: 'READY',
    };
  }

  async deleteFile(fileId: string): Promise<Schemas['DeleteFileResponse']> {
    this.record('deleteFile', fileId);
    const file = this.file(fileId);
    file.summary.status = 'DELETED';
    for (const path of [...this.options.s3.objects.keys()])
      if (path.startsWith(`/files/${fileId}/`)) this.options.s3.objects.delete(path);
    return { file_id: fileId, file_name: file.summary.file_name, file_status: 'DELETED' };
  }

  async getDownloadUrl(fileId: string): Promise<Schemas['DownloadResponse']> {
    this.record('getDownloadUrl', fileId);
    const file = this.file(fileId);
    return {
      file_id: fileId,
      file_name: file.summary.file_name,
      download_url: `${this.options.s3.baseUrl}/files/${fileId}/object`,
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    };
  }

  /** The bytes a READY file holds. */
  stored(fileId: string): Buffer | undefined {
    return this.options.s3.objects.get(`/files/${fileId}/object`);
  }

  private assembleParts(
    fileId: string,
    file: FakeFile,
    body: Schemas['CompleteFileRequest'] | undefined,
  ): Buffer | undefined {
    const plan = file.multipart as Schemas['MultipartPlan'];
    const parts = body?.parts ?? [];
    if (parts.length !== plan.part_count) return undefined;
    const buffers: Buffer[] = [];
    for (const [index, part] of parts.entries()) {
      if (part.part_number !== index + 1) throw this.problem(400, 'parts out of order');
      if (file.checksums && !part.sha256) throw this.problem(400, 'sha256 missing');
      const bytes = this.options.s3.objects.get(`/files/${fileId}/parts/${part.part_number}`);
      if (!bytes) return undefined;
      if (part.etag !== `"${createHash('md5').update(bytes).digest('hex')}"`)
        throw this.problem(400, `part ${part.part_number}: wrong ETag`);
      if (part.sha256 && part.sha256 !== createHash('sha256').update(bytes).digest('hex'))
        throw this.problem(400, `part ${part.part_number}: wrong sha256`);
      buffers.push(bytes);
    }
    return Buffer.concat(buffers);
  }

  private record(operation: string, fileId?: string, body?: unknown): void {
    this.calls.push({ operation, fileId, body });
    const statuses = this.failures.get(operation);
    const status = statuses?.shift();
    if (status !== undefined) throw this.problem(status, `injected ${status}`);
  }

  private file(fileId: string): FakeFile {
    const file = this.files.get(fileId);
    if (!file) throw this.problem(404, 'no such file');
    return file;
  }

  private uploading(fileId: string): FakeFile {
    const file = this.file(fileId);
    if (file.summary.status !== 'UPLOADING') throw this.problem(409, 'not uploading');
    return file;
  }

  private problem(status: number, detail: string): ApiError {
    return new ApiError(
      status,
      { type: 'urn:enclave:problem:fake', title: 'Fake', status, detail },
      'fake',
    );
  }
}

/** Bytes in memory as a ByteSource that counts reads and how many parts are held at once. */
export class MemoryByteSource implements ByteSource {
  reads: { start: number; end: number }[] = [];

  constructor(
    readonly bytes: Uint8Array,
    readonly name = 'file.bin',
    readonly lastModified = 1_700_000_000_000,
  ) {}

  get size(): number {
    return this.bytes.length;
  }

  async read(start: number, end: number): Promise<Uint8Array> {
    this.reads.push({ start, end });
    return this.bytes.slice(start, end);
  }
}
