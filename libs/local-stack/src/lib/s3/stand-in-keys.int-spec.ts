import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localS3Client } from '../clients';
import { ensureBucket } from '../ensure-bucket';
import { MAX_LAST_SEGMENT_BYTES } from './key-limits';
import { startLocalBucket, s3Failure as failure } from './local-bucket.fixture';
import { startS3 } from './start-s3';

const BUCKET = 'enclave-keys';

describe('startS3: keys that cannot break the stand-in', () => {
  let dataDir: string;
  let s3: S3Client;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ s3, dataDir, stop } = await startLocalBucket(BUCKET));
  });

  afterAll(() => stop());

  const put = (key: string) =>
    s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'bytes' }));
  const list = async (): Promise<string[]> =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map(
      (object) => object.Key ?? '',
    );

  // 234–240 bytes made s3rver answer 500 and leave a half-written object; 241+ crashed it.
  it.each([234, 236, 240, 241, 255, 300])(
    'refuses a last key segment of %i bytes with 400 KeyTooLongError naming the stand-in, and keeps serving',
    async (bytes) => {
      const error = await failure(put(`user/${'n'.repeat(bytes)}`));
      expect(error.name).toBe('KeyTooLongError');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toContain('local S3 stand-in');
      await put('user/after.txt');
      expect(await list()).not.toContain(`user/${'n'.repeat(bytes)}`);
    },
  );

  it('stores a last segment of exactly the stand-in limit, in multi-byte characters too', async () => {
    const ascii = `user/${'a'.repeat(MAX_LAST_SEGMENT_BYTES)}`;
    const umlauts = `user/${'ü'.repeat(Math.floor(MAX_LAST_SEGMENT_BYTES / 2))}`;
    await put(ascii);
    await put(umlauts);
    expect(await list()).toEqual(expect.arrayContaining([ascii, umlauts]));
    expect((await failure(put(`user/${'ü'.repeat(117)}`))).name).toBe('KeyTooLongError');
  });

  it("refuses a key over S3's own 1024-byte limit as S3 does, for reads too", async () => {
    const key = Array.from({ length: 5 }, () => 'k'.repeat(220)).join('/');
    const error = await failure(put(key));
    expect(error.name).toBe('KeyTooLongError');
    expect(error.message).toBe('Your key is too long');
    expect((await failure(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })))).name).toBe(
      'KeyTooLongError',
    );
  });

  it('answers reads of a key it cannot store as S3 answers for an absent key (not 500)', async () => {
    const key = `user/${'r'.repeat(300)}`;
    expect((await failure(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })))).name).toBe(
      'NoSuchKey',
    );
    expect(
      (await failure(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })))).$metadata
        .httpStatusCode,
    ).toBe(404);
  });

  it("refuses a '..' segment, which would write outside the bucket", async () => {
    const error = await failure(put('user/../../escaped.txt'));
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(await readdir(dataDir)).not.toContain('escaped.txt._S3rver_object');
  });

  it('answers a failed write with 500 instead of crashing, and leaves no half-written object', async () => {
    // A directory where s3rver's object file must go: opening it fails after the upload began,
    // the same late failure (an 'error' on s3rver's file stream) a long name used to cause.
    await mkdir(join(dataDir, BUCKET, 'blocked._S3rver_object'), { recursive: true });
    const error = await failure(put('blocked'));
    expect(error.$metadata.httpStatusCode).toBe(500);
    await rm(join(dataDir, BUCKET, 'blocked._S3rver_object'), { recursive: true });
    await put('user/still-alive.txt');
    expect(await list()).toContain('user/still-alive.txt');
    expect(await list()).not.toContain('blocked');
  });
});

describe('startS3 on a data dir holding a half-written object', () => {
  it('starts anyway, removes the leftovers and lists the real objects', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'enclave-leftovers-'));
    try {
      const first = await startS3({ dataDir });
      await ensureBucket({ endpoint: first.endpoint, bucket: BUCKET, corsOrigins: [] });
      const s3 = localS3Client(first.endpoint);
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'user/real.txt', Body: 'real' }));
      s3.destroy();
      await first.stop();
      // What s3rver 3.7.1 left after a PUT of a 236-byte name (the object and its MD5, the
      // metadata name too long to write), and after a process that stopped mid-object.
      const long = 'x'.repeat(236);
      await writeFile(join(dataDir, BUCKET, 'user', `${long}._S3rver_object`), 'half');
      await writeFile(join(dataDir, BUCKET, 'user', `${long}._S3rver_object.md5`), 'abc');
      await writeFile(join(dataDir, BUCKET, 'user', 'cut-off.txt._S3rver_object'), 'ha');

      const second = await startS3({ dataDir });
      const again = localS3Client(second.endpoint);
      try {
        await ensureBucket({ endpoint: second.endpoint, bucket: BUCKET, corsOrigins: [] });
        const listed = await again.send(new ListObjectsV2Command({ Bucket: BUCKET }));
        expect((listed.Contents ?? []).map((object) => object.Key)).toEqual(['user/real.txt']);
        expect((await readdir(join(dataDir, BUCKET, 'user'))).sort()).toEqual([
          'real.txt._S3rver_metadata.json',
          'real.txt._S3rver_object',
          'real.txt._S3rver_object.md5',
        ]);
      } finally {
        again.destroy();
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
