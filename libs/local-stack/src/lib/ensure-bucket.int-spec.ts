import { GetBucketCorsCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localS3Client } from './clients';
import { ensureBucket } from './ensure-bucket';
import { startS3 } from './s3/start-s3';

describe('ensureBucket', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'enclave-s3-spec-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is idempotent, configures CORS, and objects survive a restart on the same dataDir', async () => {
    const origins = ['http://localhost:4200', 'http://127.0.0.1:4200'];
    const first = await startS3({ port: 0, dataDir });
    try {
      await ensureBucket({ endpoint: first.endpoint, bucket: 'enclave-b1', corsOrigins: origins });
      const s3 = localS3Client(first.endpoint);
      await s3.send(new PutObjectCommand({ Bucket: 'enclave-b1', Key: 'kept.txt', Body: 'kept' }));
      s3.destroy();
      await ensureBucket({ endpoint: first.endpoint, bucket: 'enclave-b1', corsOrigins: origins });
    } finally {
      await first.stop();
    }

    const second = await startS3({ port: 0, dataDir });
    const s3 = localS3Client(second.endpoint);
    try {
      await ensureBucket({ endpoint: second.endpoint, bucket: 'enclave-b1', corsOrigins: origins });
      const object = await s3.send(new GetObjectCommand({ Bucket: 'enclave-b1', Key: 'kept.txt' }));
      expect(await object.Body?.transformToString()).toBe('kept');
      const { CORSRules } = await s3.send(new GetBucketCorsCommand({ Bucket: 'enclave-b1' }));
      expect(CORSRules).toEqual([
        expect.objectContaining({
          AllowedOrigins: origins,
          AllowedMethods: ['GET', 'PUT', 'HEAD'],
          ExposeHeaders: ['ETag'],
        }),
      ]);
    } finally {
      s3.destroy();
      await second.stop();
    }
  });
});
