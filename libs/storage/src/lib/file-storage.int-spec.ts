import {
  ensureBucket,
  LOCAL_ACCESS_KEY_ID,
  LOCAL_SECRET_ACCESS_KEY,
  type RunningService,
  startS3,
} from '@enclave/local-stack';
import { createHash } from 'node:crypto';
import { FileStorage } from './file-storage';
import { createS3Client } from './s3-client.factory';
import type { StorageOptions } from './storage-options';

// The adapter against s3rver behind the SigV4-verifying proxy: what it signs is what S3 enforces.
let s3: RunningService;
let storage: FileStorage;
let s3Client: ReturnType<typeof createS3Client>;
const bucket = 'storage-spec';

beforeAll(async () => {
  s3 = await startS3();
  await ensureBucket({ endpoint: s3.endpoint, bucket, corsOrigins: [] });
  const options: StorageOptions = {
    bucket,
    region: 'us-east-1',
    endpoint: s3.endpoint,
    credentials: { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY },
  };
  s3Client = createS3Client(options);
  storage = new FileStorage(s3Client, options);
});

afterAll(async () => {
  s3Client?.destroy();
  await s3?.stop();
});

const body = new TextEncoder().encode('hello, enclave');
const sha256 = createHash('sha256').update(body).digest('hex');

describe('FileStorage', () => {
  it('signs content-type and content-length into the PUT URL', async () => {
    const { url } = await storage.presignPut({
      key: 'u/f/a.txt',
      contentType: 'text/plain',
      size: body.length,
      expiresInSeconds: 60,
    });
    expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')).toBe(
      'content-length;content-type;host',
    );
  });

  it('round-trips bytes: presigned PUT, head, presigned GET, delete', async () => {
    const upload = await storage.presignPut({
      key: 'u/f/b.txt',
      contentType: 'text/plain',
      size: body.length,
      expiresInSeconds: 60,
    });
    expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body })).status).toBe(
      200,
    );
    expect(await storage.head('u/f/b.txt')).toMatchObject({ size: body.length });

    const url = await storage.presignGet({
      key: 'u/f/b.txt',
      fileName: 'naïve "quote".txt',
      contentType: 'text/plain',
      disposition: 'attachment',
      expiresInSeconds: 60,
    });
    const download = await fetch(url);
    expect(await download.text()).toBe('hello, enclave');
    expect(download.headers.get('content-type')).toBe('text/plain');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="na?ve \\"quote\\".txt"; filename*=UTF-8''na%C3%AFve%20%22quote%22.txt`,
    );

    await storage.delete('u/f/b.txt');
    expect(await storage.head('u/f/b.txt')).toBeUndefined();
    await expect(storage.delete('u/f/b.txt')).resolves.toBeUndefined();
  });

  it('binds a declared SHA-256: other bytes of the same length are refused', async () => {
    const upload = await storage.presignPut({
      key: 'u/f/c.txt',
      contentType: 'text/plain',
      size: body.length,
      sha256,
      expiresInSeconds: 60,
    });
    expect(upload.headers['x-amz-checksum-sha256']).toBe(
      Buffer.from(sha256, 'hex').toString('base64'),
    );
    const tampered = new TextEncoder().encode('hello, ENCLAVE');
    expect(
      (await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: tampered })).status,
    ).toBe(400);
    expect(await storage.head('u/f/c.txt')).toBeUndefined();
    expect((await fetch(upload.url, { method: 'PUT', headers: upload.headers, body })).status).toBe(
      200,
    );
  });

  it('reports a missing object as undefined, not an error', async () => {
    expect(await storage.head('nobody/nothing')).toBeUndefined();
  });
});
