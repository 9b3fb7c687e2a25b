import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { localS3Client } from '../clients';
import { LOCAL_ACCESS_KEY_ID, LOCAL_REGION } from '../credentials';
import { ensureBucket } from '../ensure-bucket';
import { startLocalBucket, failure } from './local-bucket.fixture';
import { type RunningS3, startS3 } from './start-s3';

const BUCKET = 'enclave-signatures';

describe('startS3: SigV4 on every request', () => {
  let service: RunningS3;
  let s3: S3Client;
  let stop: () => Promise<void>;
  const objectUrl = (key: string): string => `${service.endpoint}/${BUCKET}/${key}`;

  beforeAll(async () => {
    ({ service, s3, stop } = await startLocalBucket(BUCKET));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'kept.txt', Body: 'kept' }));
  });

  afterAll(() => stop());

  const stored = async (key: string): Promise<boolean> =>
    s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })).then(
      () => true,
      () => false,
    );

  const expectError = async (response: Response, status: number, code: string): Promise<string> => {
    const text = await response.text();
    expect(response.status).toBe(status);
    expect(text).toContain(`<Code>${code}</Code>`);
    return text;
  };

  it('refuses unsigned GET, PUT and DELETE (AccessDenied) and changes nothing', async () => {
    await expectError(await fetch(objectUrl('kept.txt')), 403, 'AccessDenied');
    await expectError(
      await fetch(objectUrl('planted.txt'), { method: 'PUT', body: 'planted' }),
      403,
      'AccessDenied',
    );
    await expectError(
      await fetch(objectUrl('kept.txt'), { method: 'DELETE' }),
      403,
      'AccessDenied',
    );
    expect(await stored('planted.txt')).toBe(false);
    expect(await stored('kept.txt')).toBe(true);
  });

  it('refuses an unsigned bucket listing and an unsigned multipart start', async () => {
    await expectError(await fetch(`${service.endpoint}/${BUCKET}`), 403, 'AccessDenied');
    await expectError(
      await fetch(`${objectUrl('mp.bin')}?uploads`, { method: 'POST' }),
      403,
      'AccessDenied',
    );
  });

  it('refuses header-signed calls made with the wrong secret (SignatureDoesNotMatch)', async () => {
    const wrong = new S3Client({
      endpoint: service.endpoint,
      region: LOCAL_REGION,
      credentials: { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: 'not-the-secret' },
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    try {
      expect(
        await failure(
          wrong.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'wrong.txt', Body: 'x' })),
        ),
      ).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
      expect(
        await failure(wrong.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'kept.txt' }))),
      ).toEqual({ name: 'SignatureDoesNotMatch', status: 403 });
    } finally {
      wrong.destroy();
    }
    expect(await stored('wrong.txt')).toBe(false);
  });

  it('refuses an unknown access key (InvalidAccessKeyId)', async () => {
    const stranger = new S3Client({
      endpoint: service.endpoint,
      region: LOCAL_REGION,
      credentials: { accessKeyId: 'AKIASTRANGER', secretAccessKey: 'whatever' },
      forcePathStyle: true,
    });
    try {
      expect(
        await failure(stranger.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'kept.txt' }))),
      ).toEqual({ name: 'InvalidAccessKeyId', status: 403 });
    } finally {
      stranger.destroy();
    }
  });

  /** Signs a GET the SDK's way, then lets `tamper` change the request before it is sent. */
  const signedThenTampered = async (
    tamper: (headers: Record<string, string>) => void,
  ): Promise<Response> => {
    let captured: Record<string, string> = {};
    let query = '';
    const capture = localS3Client(service.endpoint);
    capture.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as {
          headers: Record<string, string>;
          query: Record<string, string>;
        };
        captured = { ...request.headers };
        query = new URLSearchParams(request.query).toString();
        return next(args);
      },
      // The deserialize step runs after signing: it sees the request as sent.
      { step: 'deserialize', name: 'capture' },
    );
    const object = await capture.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'kept.txt' }));
    await object.Body?.transformToString();
    capture.destroy();
    const { host: _host, ...headers } = captured;
    tamper(headers);
    return fetch(`${objectUrl('kept.txt')}?${query}`, { headers });
  };

  it('accepts a header-signed request sent again as it was signed', async () => {
    const response = await signedThenTampered(() => undefined);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('kept');
  });

  it('refuses a header-signed request whose signed header was changed', async () => {
    await expectError(
      await signedThenTampered((headers) => {
        headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      }),
      403,
      'SignatureDoesNotMatch',
    );
  });

  it('refuses a header-signed request with an unsigned x-amz-* header (HeadersNotSigned)', async () => {
    const text = await expectError(
      await signedThenTampered((headers) => {
        headers['x-amz-meta-extra'] = 'sneaked';
      }),
      403,
      'AccessDenied',
    );
    expect(text).toContain('<HeadersNotSigned>x-amz-meta-extra</HeadersNotSigned>');
  });

  it('refuses a request signed both ways (one auth mechanism only)', async () => {
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: 'kept.txt' }));
    await expectError(
      await fetch(url, { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=x' } }),
      400,
      'InvalidArgument',
    );
  });

  describe('a presigned PUT with an x-amz-* header it did not sign', () => {
    const presign = (key: string): Promise<string> =>
      getSignedUrl(s3, new PutObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 60 });

    it('is refused as S3 refuses it (AccessDenied, HeadersNotSigned) and stores nothing', async () => {
      const response = await fetch(await presign('unsigned-header.txt'), {
        method: 'PUT',
        body: 'x',
        headers: { 'x-amz-acl': 'public-read', 'x-amz-meta-owner': 'someone' },
      });
      const text = await expectError(response, 403, 'AccessDenied');
      expect(text).toContain('There were headers present in the request which were not signed');
      expect(text).toContain('<HeadersNotSigned>x-amz-acl, x-amz-meta-owner</HeadersNotSigned>');
      expect(await stored('unsigned-header.txt')).toBe(false);
    });

    it('may carry x-amz-content-sha256 unsigned, the one header S3 exempts', async () => {
      const response = await fetch(await presign('payload-hash.txt'), {
        method: 'PUT',
        body: 'x',
        headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      });
      await response.text();
      expect(response.status).toBe(200);
      expect(await stored('payload-hash.txt')).toBe(true);
    });
  });

  it('with verifySignatures false, passes unsigned requests as before', async () => {
    const open = await startS3({ verifySignatures: false });
    try {
      await ensureBucket({ endpoint: open.endpoint, bucket: BUCKET, corsOrigins: [] });
      const put = await fetch(`${open.endpoint}/${BUCKET}/open.txt`, {
        method: 'PUT',
        body: 'open',
      });
      await put.text();
      expect(put.status).toBe(200);
      const get = await fetch(`${open.endpoint}/${BUCKET}/open.txt`);
      expect(await get.text()).toBe('open');
    } finally {
      await open.stop();
    }
  });
});
