import { createHash } from 'node:crypto';
import { create as contentDisposition } from 'content-disposition';

/** A request a client sends to a presigned URL. */
export interface PresignedRequest {
  method: 'GET' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
}

/** What S3 answers it. */
export interface PresignedResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface StoredBytes {
  bytes: Uint8Array;
  contentType: string;
  etag: string;
}

interface OpenUpload {
  key: string;
  contentType: string;
  checksums: boolean;
  parts: Map<number, StoredBytes & { sha256?: string }>;
}

const etagOf = (bytes: Uint8Array) => `"${createHash('md5').update(bytes).digest('hex')}"`;

/**
 * The bucket the storage fakes share: objects, open multipart uploads, and the presigned-URL
 * requests a client would send, enforced as S3 (behind the local verifying proxy) enforces them:
 * a PUT must carry exactly the signed length, content type and checksum.
 */
export class FakeObjectStore {
  readonly objects = new Map<string, StoredBytes>();
  readonly uploads = new Map<string, OpenUpload>();
  private nextUpload = 1;
  private readonly createdListeners: ((key: string, size: number) => void)[] = [];

  /** A URL that carries what the signature binds, so `receive` can enforce it. */
  sign(operation: string, key: string, bound: Record<string, string | number | undefined>): string {
    const url = new URL(`https://fake-s3.test/${encodeURIComponent(key)}`);
    url.searchParams.set('op', operation);
    for (const [name, value] of Object.entries(bound))
      if (value !== undefined) url.searchParams.set(name, String(value));
    return url.toString();
  }

  /** Stores an object, as a PUT or an assembled upload does, and tells the listeners. */
  store(key: string, object: StoredBytes): void {
    this.objects.set(key, object);
    for (const listener of this.createdListeners) listener(key, object.bytes.length);
  }

  /** Called for every object stored, as S3 event notifications (ObjectCreated:*) would be. */
  onObjectCreated(listener: (key: string, size: number) => void): void {
    this.createdListeners.push(listener);
  }

  openUpload(key: string, contentType: string, checksums: boolean): string {
    const id = `upload-${this.nextUpload++}`;
    this.uploads.set(id, { key, contentType, checksums, parts: new Map() });
    return id;
  }

  /** Sends a request to a presigned URL, as fetch would to S3. */
  receive(request: PresignedRequest): PresignedResponse {
    const url = new URL(request.url);
    const key = decodeURIComponent(url.pathname.slice(1));
    const bound = (name: string) => url.searchParams.get(name) ?? undefined;
    const header = (name: string) =>
      Object.entries(request.headers ?? {}).find(([h]) => h.toLowerCase() === name)?.[1];
    const body = request.body ?? new Uint8Array();
    const refuse = (status: number) => ({ status, headers: {}, body: new Uint8Array() });
    switch (bound('op') ?? '') {
      case 'get': {
        const object = this.objects.get(key);
        if (request.method !== 'GET') return refuse(403);
        if (!object) return refuse(404);
        return {
          status: 200,
          headers: {
            'content-type': bound('type') ?? object.contentType,
            'content-disposition': contentDisposition(bound('name') ?? key, {
              type: bound('disposition') ?? 'attachment',
            }),
            etag: object.etag,
          },
          body: object.bytes,
        };
      }
      case 'put':
      case 'part': {
        if (request.method !== 'PUT' || String(body.length) !== bound('size')) return refuse(403);
        if (bound('op') === 'put' && header('content-type') !== bound('type')) return refuse(403);
        const sha256 = bound('sha256');
        if (sha256 !== undefined && header('x-amz-checksum-sha256') !== sha256) return refuse(403);
        const actual = createHash('sha256').update(body).digest('base64');
        if (sha256 !== undefined && actual !== sha256) return refuse(400);
        const ifNoneMatch = bound('ifNoneMatch');
        if (ifNoneMatch !== undefined && header('if-none-match') !== ifNoneMatch)
          return refuse(403);
        // Signed encryption headers, as S3 checks them: exactly these, or the signature fails.
        if (header('x-amz-server-side-encryption') !== bound('sse')) return refuse(403);
        if (header('x-amz-server-side-encryption-aws-kms-key-id') !== bound('kmsKey'))
          return refuse(403);
        const stored = { bytes: Uint8Array.from(body), etag: etagOf(body) };
        if (bound('op') === 'put') {
          // A create-only PUT cannot replace what is there (S3's conditional write).
          if (ifNoneMatch === '*' && this.objects.has(key)) return refuse(412);
          this.store(key, { ...stored, contentType: bound('type') ?? '' });
        } else {
          const upload = this.uploads.get(bound('upload') ?? '');
          if (!upload) return refuse(404);
          upload.parts.set(Number(bound('part')), {
            ...stored,
            contentType: '',
            ...(sha256 ? { sha256 } : {}),
          });
        }
        return { status: 200, headers: { etag: stored.etag }, body: new Uint8Array() };
      }
      default:
        return refuse(403);
    }
  }
}
