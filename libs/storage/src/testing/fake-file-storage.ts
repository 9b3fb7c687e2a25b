import type {
  FileStorage,
  ListedObject,
  PresignedUpload,
  PresignGetInput,
  PresignPutInput,
  StoredObject,
} from '../lib/file-storage';
import { servedAs } from '../lib/inline-policy';
import { encryptionHeaders } from '../lib/object-encryption';
import { sha256HexToBase64 } from '../lib/s3-call';
import { FakeObjectStore } from './fake-object-store';

type Public<T> = { [K in keyof T]: T[K] };

/** FileStorage over a FakeObjectStore; it records what it signed. */
export class FakeFileStorage implements Public<FileStorage> {
  readonly signedPuts: PresignPutInput[] = [];
  readonly signedGets: PresignGetInput[] = [];
  readonly bucketName = 'fake-bucket';

  constructor(readonly store = new FakeObjectStore()) {}

  async presignPut(input: PresignPutInput): Promise<PresignedUpload> {
    this.signedPuts.push(input);
    const checksum = input.sha256 ? sha256HexToBase64(input.sha256) : undefined;
    const sse = encryptionHeaders(input.encryption);
    const headers: Record<string, string> = {
      'Content-Type': input.contentType,
      'If-None-Match': '*',
      ...sse,
    };
    if (checksum) headers['x-amz-checksum-sha256'] = checksum;
    return {
      url: this.store.sign('put', input.key, {
        size: input.size,
        type: input.contentType,
        sha256: checksum,
        ifNoneMatch: '*',
        sse: sse['x-amz-server-side-encryption'],
        kmsKey: sse['x-amz-server-side-encryption-aws-kms-key-id'],
        expires: input.expiresInSeconds,
      }),
      headers,
    };
  }

  async presignGet(input: PresignGetInput): Promise<string> {
    this.signedGets.push(input);
    const served = servedAs(input.contentType, input.disposition);
    return this.store.sign('get', input.key, {
      name: input.fileName,
      type: served.contentType,
      disposition: served.disposition,
      expires: input.expiresInSeconds,
    });
  }

  async *listObjects(): AsyncGenerator<ListedObject> {
    const keys = [...this.store.objects.keys()].sort();
    for (const key of keys) {
      const object = this.store.objects.get(key);
      if (object) yield { key, size: object.bytes.length };
    }
  }

  async head(key: string): Promise<StoredObject | undefined> {
    const object = this.store.objects.get(key);
    return object && { size: object.bytes.length, etag: object.etag };
  }

  async delete(key: string): Promise<void> {
    this.store.objects.delete(key);
  }
}
