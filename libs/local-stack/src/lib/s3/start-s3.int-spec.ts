import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash, randomBytes } from 'node:crypto';
import { localS3Client } from '../clients';
import { ensureBucket } from '../ensure-bucket';
import type { RunningService } from '../running';
import { startS3 } from './start-s3';

const BUCKET = 'enclave-spec';
const ORIGIN = 'http://localhost:4200';
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const bytesOf = async (object: {
  Body?: { transformToByteArray(): Promise<Uint8Array> };
}): Promise<Uint8Array> => {
  if (!object.Body) throw new Error('object has no body');
  return object.Body.transformToByteArray();
};

// The way the uploads service must presign a PUT so that S3 binds both the type and the size:
// ContentType + ContentLength on the command, and content-type named signable (the presigner
// refuses to sign it otherwise). content-length is signed as soon as ContentLength is set.
function presignPut(
  s3: S3Client,
  key: string,
  contentType: string,
  contentLength: number,
  extra: { signingDate?: Date; expiresIn?: number; metadata?: Record<string, string> } = {},
): Promise<string> {
  return getSignedUrl(
    s3,
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: key,
      ContentType: contentType,
      ContentLength: contentLength,
      Metadata: extra.metadata,
    }),
    {
      expiresIn: extra.expiresIn ?? 300,
      signingDate: extra.signingDate,
      signableHeaders: new Set(['content-type', 'content-length']),
    },
  );
}

describe('startS3 (s3rver behind a SigV4-verifying proxy)', () => {
  let s3Service: RunningService;
  let s3: S3Client;

  beforeAll(async () => {
    s3Service = await startS3({ port: 0 });
    await ensureBucket({ endpoint: s3Service.endpoint, bucket: BUCKET, corsOrigins: [ORIGIN] });
    s3 = localS3Client(s3Service.endpoint);
  });

  afterAll(async () => {
    s3.destroy();
    await s3Service.stop();
  });

  const stored = async (key: string): Promise<boolean> => {
    try {
      await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
      return true;
    } catch {
      return false;
    }
  };

  const put = (
    url: string,
    body: Buffer,
    contentType: string,
    headers: Record<string, string> = {},
  ): Promise<Response> =>
    fetch(url, {
      method: 'PUT',
      body: new Uint8Array(body),
      headers: { 'content-type': contentType, ...headers },
    });

  const expectRejected = async (response: Response, code: string): Promise<string> => {
    const text = await response.text();
    expect(response.status).toBe(403);
    expect(text).toContain(`<Code>${code}</Code>`);
    return text;
  };

  it('signs content-type and content-length into a presigned PUT', async () => {
    const url = new URL(await presignPut(s3, 'probe.txt', 'text/plain', 5));
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
  });

  it('accepts a valid presigned PUT and stores exactly its bytes', async () => {
    const body = Buffer.from('hello');
    const response = await put(
      await presignPut(s3, 'ok/héllo wörld (1).txt', 'text/plain', 5),
      body,
      'text/plain',
    );
    expect(response.status).toBe(200);
    const object = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'ok/héllo wörld (1).txt' }),
    );
    expect(object.ContentType).toBe('text/plain');
    expect(Buffer.from(await bytesOf(object)).toString()).toBe('hello');
  });

  it('keeps hoisted x-amz-* query parameters (metadata) in the signature', async () => {
    const url = await presignPut(s3, 'meta.txt', 'text/plain', 2, { metadata: { owner: 'u1' } });
    expect((await put(url, Buffer.from('hi'), 'text/plain')).status).toBe(200);
    const tampered = url.replace('x-amz-meta-owner=u1', 'x-amz-meta-owner=u2');
    expect(tampered).not.toBe(url);
    await expectRejected(
      await put(tampered, Buffer.from('hi'), 'text/plain'),
      'SignatureDoesNotMatch',
    );
  });

  it('rejects the URL used for another key, and stores nothing', async () => {
    const url = await presignPut(s3, 'mine.txt', 'text/plain', 5);
    const other = url.replace('/mine.txt?', '/theirs.txt?');
    await expectRejected(
      await put(other, Buffer.from('hello'), 'text/plain'),
      'SignatureDoesNotMatch',
    );
    expect(await stored('theirs.txt')).toBe(false);
  });

  it('rejects another Content-Type, and stores nothing', async () => {
    const url = await presignPut(s3, 'typed.txt', 'text/plain', 5);
    await expectRejected(
      await put(url, Buffer.from('hello'), 'text/html'),
      'SignatureDoesNotMatch',
    );
    expect(await stored('typed.txt')).toBe(false);
  });

  it('rejects a body of another size, and stores nothing', async () => {
    const url = await presignPut(s3, 'sized.txt', 'text/plain', 5);
    await expectRejected(
      await put(url, Buffer.from('hello!'), 'text/plain'),
      'SignatureDoesNotMatch',
    );
    await expectRejected(
      await put(url, Buffer.from('hell'), 'text/plain'),
      'SignatureDoesNotMatch',
    );
    expect(await stored('sized.txt')).toBe(false);
  });

  it('rejects a tampered signature, and stores nothing', async () => {
    const url = new URL(await presignPut(s3, 'tampered.txt', 'text/plain', 5));
    const signature = url.searchParams.get('X-Amz-Signature') ?? '';
    url.searchParams.set(
      'X-Amz-Signature',
      signature.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
    );
    await expectRejected(
      await put(url.href, Buffer.from('hello'), 'text/plain'),
      'SignatureDoesNotMatch',
    );
    expect(await stored('tampered.txt')).toBe(false);
  });

  it('rejects an expired URL, and stores nothing', async () => {
    const url = await presignPut(s3, 'late.txt', 'text/plain', 5, {
      signingDate: new Date(Date.now() - 120_000),
      expiresIn: 60,
    });
    const text = await expectRejected(
      await put(url, Buffer.from('hello'), 'text/plain'),
      'AccessDenied',
    );
    expect(text).toContain('Request has expired');
    expect(await stored('late.txt')).toBe(false);
  });

  it('lets a browser read the errors the proxy writes (CORS for the request Origin)', async () => {
    const url = await presignPut(s3, 'cors.txt', 'text/plain', 5);
    const response = await put(url, Buffer.from('hello'), 'text/html', { origin: ORIGIN });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    await response.text();
  });

  it('passes CORS preflights through to s3rver', async () => {
    const url = await presignPut(s3, 'preflight.txt', 'text/plain', 5);
    const response = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'content-type',
      },
    });
    await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('serves a presigned GET and rejects a tampered one', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'get.txt',
        Body: 'readable',
        ContentType: 'text/plain',
      }),
    );
    const url = await getSignedUrl(
      s3,
      new GetObjectCommand({
        Bucket: BUCKET,
        Key: 'get.txt',
        ResponseContentDisposition: 'attachment; filename="get.txt"',
      }),
      { expiresIn: 60 },
    );
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="get.txt"');
    expect(await response.text()).toBe('readable');

    const tampered = url.replace('filename%3D%22get.txt%22', 'filename%3D%22evil.exe%22');
    expect(tampered).not.toBe(url);
    await expectRejected(await fetch(tampered), 'SignatureDoesNotMatch');
  });

  it('round-trips header-signed SDK PutObject/GetObject through the proxy', async () => {
    const body = randomBytes(64 * 1024);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'sdk.bin', Body: body }));
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'sdk.bin' }));
    expect(sha256(await bytesOf(object))).toBe(sha256(body));
  });

  it('rejects a body that does not match its signed x-amz-checksum-sha256 (BadDigest), and keeps nothing', async () => {
    const body = Buffer.from('hello');
    const sha = createHash('sha256').update(body).digest('base64');
    const presign = (key: string): Promise<string> =>
      getSignedUrl(
        s3,
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: key,
          ContentType: 'text/plain',
          ContentLength: 5,
          ChecksumSHA256: sha,
        }),
        {
          expiresIn: 60,
          signableHeaders: new Set(['content-type', 'content-length']),
          unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
        },
      );
    const good = await put(await presign('summed.txt'), body, 'text/plain', {
      'x-amz-checksum-sha256': sha,
    });
    expect(good.status).toBe(200);
    expect(await stored('summed.txt')).toBe(true);

    const bad = await put(await presign('bad-sum.txt'), Buffer.from('jello'), 'text/plain', {
      'x-amz-checksum-sha256': sha,
    });
    const text = await bad.text();
    expect(bad.status).toBe(400);
    expect(text).toContain('<Code>BadDigest</Code>');
    expect(await stored('bad-sum.txt')).toBe(false);
  });

  it('moves a multi-MiB body through presigned PUT and GET byte for byte', async () => {
    const body = randomBytes(12 * 1024 * 1024 + 7);
    const putUrl = await presignPut(s3, 'big.bin', 'application/octet-stream', body.length);
    expect((await put(putUrl, body, 'application/octet-stream')).status).toBe(200);

    const getUrl = await getSignedUrl(
      s3,
      new GetObjectCommand({ Bucket: BUCKET, Key: 'big.bin' }),
      { expiresIn: 60 },
    );
    const response = await fetch(getUrl);
    expect(response.status).toBe(200);
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(sha256(body));
  });
});
