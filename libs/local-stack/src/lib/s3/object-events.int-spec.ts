import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Event } from 'aws-lambda';
import { createHash, randomBytes } from 'node:crypto';
import { decodeS3EventKey, encodeS3EventKey } from './object-events';
import { startLocalBucket } from './local-bucket.fixture';
import type { RunningS3 } from './start-s3';

const BUCKET = 'enclave-events';
const md5 = (bytes: Uint8Array | string): string => createHash('md5').update(bytes).digest('hex');

describe('S3 event keys', () => {
  it('are encoded as S3 encodes them in notifications, and decode back', () => {
    const key = 'user/a b+c (1)!~é.txt';
    expect(encodeS3EventKey(key)).toBe('user%2Fa+b%2Bc+%281%29%21%7E%C3%A9.txt');
    expect(decodeS3EventKey(encodeS3EventKey(key))).toBe(key);
  });
});

describe('startS3: object-created events', () => {
  let service: RunningS3;
  let s3: S3Client;
  let stop: () => Promise<void>;
  let events: S3Event[];
  let unsubscribe: () => void;

  beforeAll(async () => {
    ({ service, s3, stop } = await startLocalBucket(BUCKET));
  });

  beforeEach(() => {
    events = [];
    unsubscribe = service.onObjectCreated((event) => events.push(event));
  });

  afterEach(() => unsubscribe());

  afterAll(() => stop());

  /** Events arrive just after the answer; a short wait lets any (wrong) extra one arrive too. */
  const settled = async (): Promise<S3Event[]> => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    return events;
  };

  it('announces a PutObject once, shaped as AWS delivers it', async () => {
    const key = 'user/a b+c (1).txt';
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'hello' }));
    const [event, ...more] = await settled();
    expect(more).toEqual([]);
    expect(event?.Records).toHaveLength(1);
    const record = event?.Records[0];
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: BUCKET, arn: `arn:aws:s3:::${BUCKET}` },
        object: { key: 'user%2Fa+b%2Bc+%281%29.txt', size: 5, eTag: md5('hello') },
      },
    });
    expect(new Date(record?.eventTime ?? '').getTime()).toBeGreaterThan(Date.now() - 10_000);
    expect(record?.s3.object.sequencer).toMatch(/^[0-9A-F]{16,}$/);
    expect(decodeS3EventKey(record?.s3.object.key ?? '')).toBe(key);
  });

  it('announces a presigned PUT, with a growing sequencer for a later write of the key', async () => {
    const put = async (): Promise<void> => {
      const url = await getSignedUrl(
        s3,
        new PutObjectCommand({ Bucket: BUCKET, Key: 'again.txt' }),
      );
      expect((await fetch(url, { method: 'PUT', body: 'again' })).status).toBe(200);
    };
    await put();
    await put();
    const [first, second] = (await settled()).map(
      (event) => event.Records[0]?.s3.object.sequencer ?? '',
    );
    expect(second && first && second > first).toBe(true);
  });

  it('announces nothing for a refused PUT or a body that failed its checksum', async () => {
    await fetch(`${service.endpoint}/${BUCKET}/unsigned.txt`, { method: 'PUT', body: 'x' });
    const url = await getSignedUrl(
      s3,
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'bad-digest.txt',
        ChecksumSHA256: createHash('sha256').update('hello').digest('base64'),
      }),
      { unhoistableHeaders: new Set(['x-amz-checksum-sha256']) },
    );
    const response = await fetch(url, {
      method: 'PUT',
      body: 'jello',
      headers: { 'x-amz-checksum-sha256': createHash('sha256').update('hello').digest('base64') },
    });
    expect(response.status).toBe(400);
    expect(await settled()).toEqual([]);
  });

  it('announces a CompleteMultipartUpload once, with the size of the whole object', async () => {
    const key = 'user/multi part.bin';
    const parts = [randomBytes(5 * 1024 * 1024), randomBytes(1000)];
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key }),
    );
    const completed = [];
    for (const [index, Body] of parts.entries()) {
      const { ETag } = await s3.send(
        new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: index + 1, Body }),
      );
      completed.push({ PartNumber: index + 1, ETag });
    }
    expect(await settled()).toEqual([]);
    const { ETag } = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: completed },
      }),
    );
    const [event, ...more] = await settled();
    expect(more).toEqual([]);
    expect(event?.Records[0]).toMatchObject({
      eventName: 'ObjectCreated:CompleteMultipartUpload',
      s3: {
        object: {
          key: 'user%2Fmulti+part.bin',
          size: parts[0].length + parts[1].length,
          eTag: ETag?.replace(/"/g, ''),
        },
      },
    });
  });

  it('stops calling a listener once unsubscribed, and survives one that throws', async () => {
    const other: S3Event[] = [];
    const stop = service.onObjectCreated((event) => other.push(event));
    const stopThrowing = service.onObjectCreated(() => {
      throw new Error('listener failure');
    });
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'one.txt', Body: '1' }));
    await settled();
    stop();
    stopThrowing();
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'two.txt', Body: '2' }));
    await settled();
    expect(other).toHaveLength(1);
    expect(events).toHaveLength(2);
  });
});
