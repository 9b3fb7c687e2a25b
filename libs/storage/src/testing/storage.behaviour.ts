import { createHash, randomBytes } from 'node:crypto';
import type { FileStorage } from '../lib/file-storage';
import type { MultipartStorage } from '../lib/multipart-storage';
import type { ObjectEncryption } from '../lib/object-encryption';
import { MultipartCallUnsupported, PartsRejected, UploadGone } from '../lib/storage-errors';
import type { PresignedRequest, PresignedResponse } from './fake-object-store';

type Public<T> = { [K in keyof T]: T[K] };

export interface StorageUnderTest {
  storage: Public<FileStorage>;
  multipart: Public<MultipartStorage>;
  /** What a client does with a presigned URL: fetch for the real store, `receive` for the fake. */
  send(request: PresignedRequest): Promise<PresignedResponse>;
  /** Whether the store implements ListParts and AbortMultipartUpload (S3 does, s3rver not). */
  listsAndAbortsParts: boolean;
  tearDown(): Promise<void>;
}

const MiB = 1024 ** 2;
const SSE_S3: ObjectEncryption = { kind: 'AES256' };
const SSE_KMS: ObjectEncryption = {
  kind: 'aws:kms',
  kmsKeyId: 'arn:aws:kms:us-east-1:000000000000:key/0f6e3c55-1b1a-4c55-9f0e-3a3c8f6f0001',
};
const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error,
  );
}

/**
 * What the storage adapters promise, run against both the fakes and the local S3 (s3rver behind
 * the SigV4-verifying proxy): presigned URLs bind what they sign, and multipart assembly
 * answers in domain terms.
 */
export function describeStorageBehaviour(
  name: string,
  setUp: () => Promise<StorageUnderTest>,
): void {
  describe(`storage adapters (${name})`, () => {
    let under: StorageUnderTest;
    let n = 0;
    const key = () => `user/${name.replace(/\W/g, '')}-${++n}`;

    beforeAll(async () => {
      under = await setUp();
    });
    afterAll(async () => {
      await under?.tearDown();
    });

    it('round-trips bytes: presigned PUT, head, presigned GET naming the file, delete', async () => {
      const { storage, send } = under;
      const target = key();
      const body = new TextEncoder().encode('hello, enclave');
      const upload = await storage.presignPut({
        key: target,
        contentType: 'text/plain',
        size: body.length,
        encryption: SSE_S3,
        expiresInSeconds: 60,
      });
      expect(
        (await send({ method: 'PUT', url: upload.url, headers: upload.headers, body })).status,
      ).toBe(200);
      expect(await storage.head(target)).toMatchObject({ size: body.length });
      const url = await storage.presignGet({
        key: target,
        fileName: 'naïve "quote".txt',
        contentType: 'text/plain',
        disposition: 'attachment',
        expiresInSeconds: 60,
      });
      const download = await send({ method: 'GET', url });
      expect(new TextDecoder().decode(download.body)).toBe('hello, enclave');
      expect(download.headers['content-type']).toBe('text/plain');
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="na?ve \\"quote\\".txt"; filename*=UTF-8''na%C3%AFve%20%22quote%22.txt`,
      );
      await storage.delete(target);
      expect(await storage.head(target)).toBeUndefined();
      await expect(storage.delete(target)).resolves.toBeUndefined();
    });

    it('refuses a PUT of another length or content type than signed, storing nothing', async () => {
      const { storage, send } = under;
      const target = key();
      const upload = await storage.presignPut({
        key: target,
        contentType: 'text/plain',
        size: 5,
        encryption: SSE_S3,
        expiresInSeconds: 60,
      });
      const longer = await send({
        method: 'PUT',
        url: upload.url,
        headers: upload.headers,
        body: randomBytes(6),
      });
      expect(longer.status).toBe(403);
      const retyped = await send({
        method: 'PUT',
        url: upload.url,
        headers: { 'Content-Type': 'text/html' },
        body: randomBytes(5),
      });
      expect(retyped.status).toBe(403);
      expect(await storage.head(target)).toBeUndefined();
    });

    it('binds the encryption asked for: a PUT naming another key, or none, is refused', async () => {
      const { storage, send } = under;
      const target = key();
      const body = randomBytes(8);
      const upload = await storage.presignPut({
        key: target,
        contentType: 'application/octet-stream',
        size: body.length,
        encryption: SSE_KMS,
        expiresInSeconds: 60,
      });
      expect(upload.headers).toMatchObject({
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id':
          SSE_KMS.kind === 'aws:kms' && SSE_KMS.kmsKeyId,
      });
      // Signed as headers, not hoisted into the query, where the client would not send them.
      const query = [...new URL(upload.url).searchParams.keys()];
      expect(query.filter((name) => /server-side-encryption/i.test(name))).toEqual([]);
      const otherKey = {
        ...upload.headers,
        'x-amz-server-side-encryption-aws-kms-key-id':
          'arn:aws:kms:us-east-1:000000000000:key/other',
      };
      const s3Managed = { ...upload.headers, 'x-amz-server-side-encryption': 'AES256' };
      const { 'x-amz-server-side-encryption-aws-kms-key-id': _, ...noKey } = upload.headers;
      for (const headers of [otherKey, s3Managed, noKey]) {
        expect((await send({ method: 'PUT', url: upload.url, headers, body })).status).toBe(403);
      }
      expect(await storage.head(target)).toBeUndefined();
      expect(
        (await send({ method: 'PUT', url: upload.url, headers: upload.headers, body })).status,
      ).toBe(200);
    });

    it('binds a declared SHA-256: other bytes of the same length are refused', async () => {
      const { storage, send } = under;
      const target = key();
      const body = new TextEncoder().encode('hello, enclave');
      const upload = await storage.presignPut({
        key: target,
        contentType: 'text/plain',
        size: body.length,
        sha256: hex(body),
        encryption: SSE_S3,
        expiresInSeconds: 60,
      });
      expect(upload.headers['x-amz-checksum-sha256']).toBe(
        Buffer.from(hex(body), 'hex').toString('base64'),
      );
      const tampered = new TextEncoder().encode('hello, ENCLAVE');
      expect(
        (await send({ method: 'PUT', url: upload.url, headers: upload.headers, body: tampered }))
          .status,
      ).toBe(400);
      expect(await storage.head(target)).toBeUndefined();
      expect(
        (await send({ method: 'PUT', url: upload.url, headers: upload.headers, body })).status,
      ).toBe(200);
    });

    it('reports a missing object as undefined, not an error', async () => {
      expect(await under.storage.head(key())).toBeUndefined();
    });

    describe('multipart', () => {
      async function sendParts(target: string, uploadId: string, parts: Uint8Array[]) {
        const etags: { partNumber: number; etag: string }[] = [];
        for (const [index, bytes] of parts.entries()) {
          const signed = await under.multipart.presignPart({
            key: target,
            uploadId,
            partNumber: index + 1,
            size: bytes.length,
            expiresInSeconds: 60,
          });
          const response = await under.send({
            method: 'PUT',
            url: signed.url,
            headers: signed.headers,
            body: bytes,
          });
          expect(response.status).toBe(200);
          etags.push({ partNumber: index + 1, etag: response.headers['etag'] as string });
        }
        return etags;
      }

      it('assembles the parts in order into one object; a second complete finds no upload', async () => {
        const target = key();
        const parts = [randomBytes(5 * MiB), randomBytes(1234)];
        const uploadId = await under.multipart.create(
          target,
          'application/octet-stream',
          false,
          SSE_S3,
        );
        const etags = await sendParts(target, uploadId, parts);
        expect(await under.multipart.complete(target, uploadId, etags)).toBe(true);
        const url = await under.storage.presignGet({
          key: target,
          fileName: 'x.bin',
          contentType: 'application/octet-stream',
          disposition: 'attachment',
          expiresInSeconds: 60,
        });
        expect(hex((await under.send({ method: 'GET', url })).body)).toBe(
          hex(Buffer.concat(parts)),
        );
        expect(await under.storage.head(target)).toMatchObject({ size: 5 * MiB + 1234 });
        expect(await under.multipart.complete(target, uploadId, etags)).toBe(false);
      });

      it('refuses a part of another length than signed', async () => {
        const target = key();
        const uploadId = await under.multipart.create(
          target,
          'application/octet-stream',
          false,
          SSE_S3,
        );
        const signed = await under.multipart.presignPart({
          key: target,
          uploadId,
          partNumber: 1,
          size: 10,
          expiresInSeconds: 60,
        });
        const response = await under.send({
          method: 'PUT',
          url: signed.url,
          headers: signed.headers,
          body: randomBytes(11),
        });
        expect(response.status).toBe(403);
      });

      it('names a part S3 does not hold as PartsRejected', async () => {
        const target = key();
        const uploadId = await under.multipart.create(
          target,
          'application/octet-stream',
          false,
          SSE_S3,
        );
        const [first] = await sendParts(target, uploadId, [randomBytes(100)]);
        const wrong = [{ partNumber: 1, etag: '"00000000000000000000000000000000"' }];
        const error = await rejection(under.multipart.complete(target, uploadId, wrong));
        expect(error).toBeInstanceOf(PartsRejected);
        expect((error as PartsRejected).reason).toBe('invalid-part');
        expect(
          await under.multipart.complete(target, uploadId, [
            first as { partNumber: number; etag: string },
          ]),
        ).toBe(true);
      });

      it('lists and aborts parts where the store can, and says so where it cannot', async () => {
        const target = key();
        const uploadId = await under.multipart.create(
          target,
          'application/octet-stream',
          false,
          SSE_S3,
        );
        await sendParts(target, uploadId, [randomBytes(100)]);
        if (!under.listsAndAbortsParts) {
          expect(await rejection(under.multipart.listParts(target, uploadId))).toBeInstanceOf(
            MultipartCallUnsupported,
          );
          expect(await rejection(under.multipart.abort(target, uploadId))).toBeInstanceOf(
            MultipartCallUnsupported,
          );
          return;
        }
        expect(await under.multipart.listParts(target, uploadId)).toEqual([
          expect.objectContaining({ partNumber: 1, size: 100 }),
        ]);
        await under.multipart.abort(target, uploadId);
        await under.multipart.abort(target, uploadId);
        expect(await rejection(under.multipart.listParts(target, uploadId))).toBeInstanceOf(
          UploadGone,
        );
        expect(await under.multipart.complete(target, uploadId, [])).toBe(false);
      });
    });
  });
}
