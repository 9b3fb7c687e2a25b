import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { LOCAL_REGION, localCredentials } from './credentials';

/**
 * An S3 client configured the way the stand-in needs (see ARCHITECTURE.md, "Known limits"):
 * path-style addressing, because `bucket.localhost` does not resolve; checksums only when
 * required, because the default CRC32 mode corrupts streamed bodies on s3rver and binds an
 * empty-body checksum into presigned PUT URLs.
 */
export function localS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: LOCAL_REGION,
    credentials: localCredentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: localCredentials });
}
