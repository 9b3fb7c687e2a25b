import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { startLocalBucket, failure } from './local-bucket.fixture';

const BUCKET = 'enclave-conditional';

describe('startS3: conditional writes (If-None-Match: *)', () => {
  let s3: S3Client;
  let stop: () => Promise<void>;
  let n = 0;
  const newKey = (): string => `user/conditional-${++n}.txt`;

  beforeAll(async () => {
    ({ s3, stop } = await startLocalBucket(BUCKET));
  });

  afterAll(() => stop());

  const putOnce = (key: string, body: string) =>
    s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, IfNoneMatch: '*' }));
  const content = async (key: string): Promise<string> => {
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return (await object.Body?.transformToString()) ?? '';
  };

  /** A write-once PUT URL, presigned as the uploads service presigns it. */
  const presignOnce = (key: string, length: number): Promise<string> =>
    getSignedUrl(
      s3,
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        ContentType: 'text/plain',
        ContentLength: length,
        IfNoneMatch: '*',
      }),
      {
        expiresIn: 60,
        signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']),
      },
    );
  const sendOnce = (
    url: string,
    body: string,
    headers: Record<string, string> = { 'if-none-match': '*' },
  ) => fetch(url, { method: 'PUT', body, headers: { 'content-type': 'text/plain', ...headers } });

  it('stores a new key, then refuses to overwrite it (412 PreconditionFailed, If-None-Match)', async () => {
    const key = newKey();
    await putOnce(key, 'first');
    expect(await failure(putOnce(key, 'second'))).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    });
    expect(await content(key)).toBe('first');
  });

  it('answers the condition with S3 XML naming it', async () => {
    const key = newKey();
    const url = await presignOnce(key, 5);
    expect((await sendOnce(url, 'first')).status).toBe(200);
    const second = await sendOnce(url, 'other');
    const text = await second.text();
    expect(second.status).toBe(412);
    expect(text).toContain('<Code>PreconditionFailed</Code>');
    expect(text).toContain('<Condition>If-None-Match</Condition>');
    expect(await content(key)).toBe('first');
  });

  it('verifies a URL signed with if-none-match, and refuses it sent without the header', async () => {
    const url = await presignOnce(newKey(), 5);
    expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')).toBe(
      'content-length;content-type;host;if-none-match',
    );
    const bare = await sendOnce(url, 'hello', {});
    expect(bare.status).toBe(403);
    expect(await bare.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('lets exactly one of many concurrent conditional PUTs win; the others get 412 or 409', async () => {
    const key = newKey();
    const answers = await Promise.all(
      Array.from({ length: 12 }, async (_, index) => {
        const response = await sendOnce(await presignOnce(key, 6), `body-${index % 10}`);
        return {
          status: response.status,
          code: /<Code>(\w+)<\/Code>/.exec(await response.text())?.[1],
        };
      }),
    );
    expect(answers.filter(({ status }) => status === 200)).toHaveLength(1);
    const losers = answers.filter(({ status }) => status !== 200);
    expect(losers).toHaveLength(11);
    for (const loser of losers) {
      expect([
        { status: 412, code: 'PreconditionFailed' },
        { status: 409, code: 'ConditionalRequestConflict' },
      ]).toContainEqual(loser);
    }
  });

  it('refuses a CompleteMultipartUpload over a stored object (412) and keeps the upload', async () => {
    const key = newKey();
    await putOnce(key, 'first');
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }),
    );
    const { ETag } = await s3.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 1, Body: 'part' }),
    );
    const complete = () =>
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key: key,
          UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] },
          IfNoneMatch: '*',
        }),
      );
    expect(await failure(complete())).toEqual({ name: 'PreconditionFailed', status: 412 });
    expect(await content(key)).toBe('first');
    const parts = await s3.send(new ListPartsCommand({ Bucket: BUCKET, Key: key, UploadId }));
    expect(parts.Parts?.map((part) => part.PartNumber)).toEqual([1]);
  });

  it('completes a conditional CompleteMultipartUpload on a free key', async () => {
    const key = newKey();
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }),
    );
    const { ETag } = await s3.send(
      new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 1, Body: 'part' }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag }] },
        IfNoneMatch: '*',
      }),
    );
    expect(await content(key)).toBe('part');
  });
});
