import { type S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localS3Client } from '../clients';
import { ensureBucket } from '../ensure-bucket';
import { type RunningS3, startS3 } from './start-s3';

export interface LocalBucket {
  service: RunningS3;
  s3: S3Client;
  /** Where s3rver keeps the bucket's files (a fresh temporary folder). */
  dataDir: string;
  stop(): Promise<void>;
}

/** The local S3 on a free port with one bucket and an SDK client, for the stand-in's own specs. */
export async function startLocalBucket(bucket: string): Promise<LocalBucket> {
  const dataDir = await mkdtemp(join(tmpdir(), `${bucket}-`));
  const service = await startS3({ dataDir });
  await ensureBucket({ endpoint: service.endpoint, bucket, corsOrigins: [] });
  const s3 = localS3Client(service.endpoint);
  return {
    service,
    s3,
    dataDir,
    async stop() {
      s3.destroy();
      await service.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The S3 error an SDK call failed with; throws when the call succeeds or fails otherwise. */
export async function s3Failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** The same, as name and HTTP status. */
export async function failure(
  promise: Promise<unknown>,
): Promise<{ name: string; status?: number }> {
  const error = await s3Failure(promise);
  return { name: error.name, status: error.$metadata.httpStatusCode };
}
