import { S3Client } from '@aws-sdk/client-s3';
import { awsClientLimits } from '@enclave/config';
import type { StorageOptions } from './storage-options';

/** The module's one S3Client, shared by the adapters so they share its connection pool. */
export const S3_CLIENT = Symbol('S3_CLIENT');

export function createS3Client(options: StorageOptions): S3Client {
  return new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    ...awsClientLimits(options.limits),
    // Local stand-ins answer on 127.0.0.1, where virtual-host addressing cannot resolve.
    forcePathStyle: !!options.endpoint,
    // The default checksum mode signs an empty-body CRC32 into presigned URLs, which then reject
    // the real body, and frames streamed bodies as aws-chunked.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
