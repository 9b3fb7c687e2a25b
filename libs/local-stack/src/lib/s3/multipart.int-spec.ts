import {
  AbortMultipartUploadCommand,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash, randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startLocalBucket, failure } from './local-bucket.fixture';

const BUCKET = 'enclave-multipart';
const MiB = 1024 * 1024;
const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('base64');
const hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('startS3: multipart uploads with S3 rules', () => {
  let dataDir: string;
  let s3: S3Client;
  let stop: () => Promise<void>;
  let n = 0;
  const newKey = (): string => `user/file-${++n} (ü).bin`;

  beforeAll(async () => {
    ({ s3, dataDir, stop } = await startLocalBucket(BUCKET));
  });

  afterAll(() => stop());

  const create = async (key: string, checksums = false): Promise<string> => {
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        ContentType: 'application/octet-stream',
        ChecksumAlgorithm: checksums ? 'SHA256' : undefined,
      }),
    );
    if (!UploadId) throw new Error('no UploadId');
    return UploadId;
  };

  /** Sends a part through a presigned URL, as a browser does; answers the fetch Response. */
  const presignedPart = async (
    key: string,
    uploadId: string,
    partNumber: number,
    body: Uint8Array,
    checksum?: string,
  ): Promise<Response> => {
    const url = await getSignedUrl(
      s3,
      new UploadPartCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: uploadId,
        PartNumber: partNumber,
        ContentLength: body.length,
        ChecksumSHA256: checksum,
      }),
      {
        expiresIn: 60,
        signableHeaders: new Set(['content-length']),
        unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
      },
    );
    return fetch(url, {
      method: 'PUT',
      body: new Uint8Array(body),
      headers: checksum ? { 'x-amz-checksum-sha256': checksum } : {},
    });
  };

  /** Uploads `parts` as parts 1…n (SDK, header-signed); answers what CompleteMultipartUpload takes. */
  const sendParts = async (
    key: string,
    uploadId: string,
    parts: Uint8Array[],
    checksums = false,
  ): Promise<CompletedPart[]> => {
    const completed: CompletedPart[] = [];
    for (const [index, body] of parts.entries()) {
      const { ETag } = await s3.send(
        new UploadPartCommand({
          Bucket: BUCKET,
          Key: key,
          UploadId: uploadId,
          PartNumber: index + 1,
          Body: body,
          ChecksumSHA256: checksums ? sha256(body) : undefined,
        }),
      );
      completed.push({
        PartNumber: index + 1,
        ETag,
        ...(checksums ? { ChecksumSHA256: sha256(body) } : {}),
      });
    }
    return completed;
  };

  const complete = (key: string, uploadId: string, parts: CompletedPart[]) =>
    s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    );

  const listParts = (key: string, uploadId: string, marker?: string, maxParts?: number) =>
    s3.send(
      new ListPartsCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: uploadId,
        PartNumberMarker: marker,
        MaxParts: maxParts,
      }),
    );

  const content = async (key: string): Promise<Uint8Array> => {
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    if (!object.Body) throw new Error('no body');
    return object.Body.transformToByteArray();
  };

  const uploadFolders = async (): Promise<string[]> =>
    readdir(join(dataDir, BUCKET, '._S3rver_uploads')).catch(() => []);

  it('assembles exactly the listed parts, checking their ETags (quotes or none)', async () => {
    const key = newKey();
    const uploadId = await create(key);
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(1000)];
    const sent = await sendParts(key, uploadId, parts);
    // Part 2 is left out: S3 drops it. The last part's ETag goes without quotes.
    const listed = [sent[0], { PartNumber: 3, ETag: md5(parts[2] ?? new Uint8Array()) }];
    await complete(key, uploadId, listed as CompletedPart[]);
    expect(hex(await content(key))).toBe(
      hex(Buffer.concat([parts[0] ?? Buffer.alloc(0), parts[2] ?? Buffer.alloc(0)])),
    );
    expect(await uploadFolders()).not.toContain(uploadId);
  });

  it('refuses a wrong ETag (InvalidPart) and leaves the upload as it was', async () => {
    const key = newKey();
    const uploadId = await create(key);
    const [part] = await sendParts(key, uploadId, [randomBytes(100)]);
    expect(
      await failure(complete(key, uploadId, [{ PartNumber: 1, ETag: `"${'0'.repeat(32)}"` }])),
    ).toEqual({ name: 'InvalidPart', status: 400 });
    // A part that was never sent is no better.
    expect(await failure(complete(key, uploadId, [{ PartNumber: 2, ETag: part?.ETag }]))).toEqual({
      name: 'InvalidPart',
      status: 400,
    });
    await complete(key, uploadId, [part as CompletedPart]);
    expect((await content(key)).length).toBe(100);
  });

  it('refuses parts out of order or repeated (InvalidPartOrder)', async () => {
    const key = newKey();
    const uploadId = await create(key);
    const [first, second] = await sendParts(key, uploadId, [randomBytes(5 * MiB), randomBytes(10)]);
    const descending = [second, first] as CompletedPart[];
    expect(await failure(complete(key, uploadId, descending))).toEqual({
      name: 'InvalidPartOrder',
      status: 400,
    });
    const repeated = [first, first] as CompletedPart[];
    expect(await failure(complete(key, uploadId, repeated))).toEqual({
      name: 'InvalidPartOrder',
      status: 400,
    });
    await complete(key, uploadId, [first, second] as CompletedPart[]);
  });

  it('refuses a part under 5 MiB that is not the last (EntityTooSmall)', async () => {
    const key = newKey();
    const uploadId = await create(key);
    const parts = await sendParts(key, uploadId, [randomBytes(MiB), randomBytes(10)]);
    expect(await failure(complete(key, uploadId, parts))).toEqual({
      name: 'EntityTooSmall',
      status: 400,
    });
    // Alone, the small part is the last one, which may be any size.
    await complete(key, uploadId, parts.slice(0, 1));
    expect((await content(key)).length).toBe(MiB);
  });

  it('answers NoSuchUpload (404) to completing a completed upload again', async () => {
    const key = newKey();
    const uploadId = await create(key);
    const parts = await sendParts(key, uploadId, [randomBytes(10)]);
    await complete(key, uploadId, parts);
    expect(await failure(complete(key, uploadId, parts))).toEqual({
      name: 'NoSuchUpload',
      status: 404,
    });
  });

  it('refuses a part for an unknown upload (NoSuchUpload) and stores nothing', async () => {
    const key = newKey();
    const unknown = 'f'.repeat(32);
    const response = await presignedPart(key, unknown, 1, randomBytes(1000));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('<Code>NoSuchUpload</Code>');
    const sdk = s3.send(
      new UploadPartCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: unknown,
        PartNumber: 1,
        Body: randomBytes(10),
      }),
    );
    expect(await failure(sdk)).toEqual({ name: 'NoSuchUpload', status: 404 });
    expect(await uploadFolders()).not.toContain(unknown);
  });

  it('knows an upload only under its own key, and checks the part number', async () => {
    const key = newKey();
    const uploadId = await create(key);
    const elsewhere = await presignedPart(newKey(), uploadId, 1, randomBytes(10));
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.text()).toContain('<Code>NoSuchUpload</Code>');
    const outOfRange = s3.send(
      new UploadPartCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId: uploadId,
        PartNumber: 10001,
        Body: randomBytes(10),
      }),
    );
    expect(await failure(outOfRange)).toEqual({ name: 'InvalidArgument', status: 400 });
    expect(await failure(listParts(key, '../../etc'))).toEqual({
      name: 'NoSuchUpload',
      status: 404,
    });
  });

  it('accepts presigned parts and rejects a tampered one before storing anything', async () => {
    const key = newKey();
    const uploadId = await create(key);
    const body = randomBytes(2000);
    const ok = await presignedPart(key, uploadId, 1, body);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe(`"${md5(body)}"`);
    const url = await getSignedUrl(
      s3,
      new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: 2 }),
      { expiresIn: 60 },
    );
    const tampered = await fetch(url.replace('partNumber=2', 'partNumber=3'), {
      method: 'PUT',
      body: new Uint8Array(body),
    });
    expect(tampered.status).toBe(403);
    await tampered.text();
    const { Parts } = await listParts(key, uploadId);
    expect(Parts?.map((part) => part.PartNumber)).toEqual([1]);
  });

  it('lists the parts with sizes and ETags, page by page (ListParts)', async () => {
    const key = newKey();
    const uploadId = await create(key);
    const bodies = [randomBytes(300), randomBytes(100), randomBytes(200)];
    // Sent out of order: listed in part-number order all the same.
    for (const index of [2, 0, 1]) {
      const body = bodies[index] ?? new Uint8Array();
      expect((await presignedPart(key, uploadId, index + 1, body)).status).toBe(200);
    }
    const all = await listParts(key, uploadId);
    expect(all).toMatchObject({
      Bucket: BUCKET,
      Key: key,
      UploadId: uploadId,
      MaxParts: 1000,
      IsTruncated: false,
      NextPartNumberMarker: '3',
      StorageClass: 'STANDARD',
    });
    expect(all.Parts).toEqual(
      bodies.map((body, index) => ({
        PartNumber: index + 1,
        ETag: `"${md5(body)}"`,
        Size: body.length,
        LastModified: expect.any(Date) as Date,
      })),
    );

    const pages: number[][] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await listParts(key, uploadId, marker, 1);
      expect(page.MaxParts).toBe(1);
      pages.push((page.Parts ?? []).map((part) => part.PartNumber ?? 0));
      if (!page.IsTruncated) break;
      marker = page.NextPartNumberMarker;
    }
    expect(pages).toEqual([[1], [2], [3]]);

    // The same through a presigned URL; a tampered one is refused.
    const url = await getSignedUrl(
      s3,
      new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, MaxParts: 2 }),
      { expiresIn: 60 },
    );
    const listed = await fetch(url);
    expect(listed.status).toBe(200);
    const xml = await listed.text();
    expect(xml).toContain('<IsTruncated>true</IsTruncated>');
    expect(xml).toContain('<NextPartNumberMarker>2</NextPartNumberMarker>');
    const tampered = await fetch(url.replace('max-parts=2', 'max-parts=3'));
    expect(tampered.status).toBe(403);
    await tampered.text();
  });

  it('aborts: the parts are gone (ListParts → NoSuchUpload), a second abort is NoSuchUpload', async () => {
    const key = newKey();
    const uploadId = await create(key);
    const parts = await sendParts(key, uploadId, [randomBytes(100)]);
    await s3.send(
      new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId }),
    );
    expect(await uploadFolders()).not.toContain(uploadId);
    expect(await failure(listParts(key, uploadId))).toEqual({
      name: 'NoSuchUpload',
      status: 404,
    });
    const again = s3.send(
      new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId }),
    );
    expect(await failure(again)).toEqual({ name: 'NoSuchUpload', status: 404 });
    expect(await failure(complete(key, uploadId, parts))).toEqual({
      name: 'NoSuchUpload',
      status: 404,
    });

    // A presigned abort is verified first, then answered 204.
    const other = await create(key);
    const url = await getSignedUrl(
      s3,
      new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: other }),
      { expiresIn: 60 },
    );
    expect((await fetch(url.replace(other, uploadId), { method: 'DELETE' })).status).toBe(403);
    const aborted = await fetch(url, { method: 'DELETE' });
    expect(aborted.status).toBe(204);
    expect(await uploadFolders()).not.toContain(other);
  });

  it('answers NoSuchBucket for an upload in a bucket that does not exist', async () => {
    const call = s3.send(
      new ListPartsCommand({ Bucket: 'no-such-bucket', Key: 'k', UploadId: 'f'.repeat(32) }),
    );
    expect(await failure(call)).toEqual({ name: 'NoSuchBucket', status: 404 });
  });

  describe('an upload created with ChecksumAlgorithm SHA256', () => {
    it('lists each part with its SHA-256 and completes with them', async () => {
      const key = newKey();
      const uploadId = await create(key, true);
      const parts = [randomBytes(5 * MiB), randomBytes(777)];
      const sent = await sendParts(key, uploadId, parts, true);
      const listed = await listParts(key, uploadId);
      expect(listed.ChecksumAlgorithm).toBe('SHA256');
      expect(
        listed.Parts?.map(({ PartNumber, Size, ChecksumSHA256 }) => [
          PartNumber,
          Size,
          ChecksumSHA256,
        ]),
      ).toEqual(parts.map((body, index) => [index + 1, body.length, sha256(body)]));
      await complete(key, uploadId, sent);
      expect(hex(await content(key))).toBe(hex(Buffer.concat(parts)));
    });

    it('refuses a complete without part checksums (InvalidRequest) or with wrong ones (InvalidPart)', async () => {
      const key = newKey();
      const uploadId = await create(key, true);
      const [part] = await sendParts(key, uploadId, [randomBytes(100)], true);
      const bare = { PartNumber: 1, ETag: part?.ETag };
      expect(await failure(complete(key, uploadId, [bare]))).toEqual({
        name: 'InvalidRequest',
        status: 400,
      });
      const wrong = { ...bare, ChecksumSHA256: sha256(randomBytes(1)) };
      expect(await failure(complete(key, uploadId, [wrong]))).toEqual({
        name: 'InvalidPart',
        status: 400,
      });
      await complete(key, uploadId, [part as CompletedPart]);
    });

    it('checks each presigned part against its SHA-256 and keeps a bad one out of the list', async () => {
      const key = newKey();
      const uploadId = await create(key, true);
      const body = randomBytes(4096);
      const good = await presignedPart(key, uploadId, 1, body, sha256(body));
      expect(good.status).toBe(200);
      expect(good.headers.get('x-amz-checksum-sha256')).toBe(sha256(body));

      const bad = await presignedPart(key, uploadId, 2, randomBytes(4096), sha256(body));
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('<Code>BadDigest</Code>');
      // S3 refuses a part without the upload's checksum.
      const bare = await presignedPart(key, uploadId, 3, body);
      expect(bare.status).toBe(400);
      expect(await bare.text()).toContain('<Code>InvalidRequest</Code>');

      const { Parts } = await listParts(key, uploadId);
      expect(Parts?.map((part) => [part.PartNumber, part.ChecksumSHA256])).toEqual([
        [1, sha256(body)],
      ]);
    });
  });

  it('completes through a presigned URL and refuses a malformed document', async () => {
    const key = newKey();
    const uploadId = await create(key);
    const [part] = await sendParts(key, uploadId, [randomBytes(64)]);
    const url = await getSignedUrl(
      s3,
      new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId }),
      { expiresIn: 60 },
    );
    const malformed = await fetch(url, { method: 'POST', body: '<CompleteMultipartUpload>' });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain('<Code>MalformedXML</Code>');
    const document =
      '<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<Part><PartNumber>1</PartNumber><ETag>${(part?.ETag ?? '').replace(/"/g, '&quot;')}</ETag></Part>` +
      '</CompleteMultipartUpload>';
    const completed = await fetch(url, { method: 'POST', body: document });
    expect(completed.status).toBe(200);
    expect(await completed.text()).toContain('<CompleteMultipartUploadResult');
    expect((await content(key)).length).toBe(64);
  });
});
