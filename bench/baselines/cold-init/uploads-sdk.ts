// The AWS SDK clients the uploads service carries, built at module init as its providers are:
// S3 and its presigner, the DynamoDB document client, and KMS (per_user makes the uploader's key).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { clientOptions, s3Options } from './client-options';

/**
 * Exported, and re-exported by each baseline, so the bundler keeps them: the SDK packages declare
 * no side effects, so anything unreferenced would be dropped and the baseline flattered.
 */
export const sdk = {
  s3: new S3Client(s3Options),
  documents: DynamoDBDocumentClient.from(new DynamoDBClient(clientOptions)),
  kms: new KMSClient(clientOptions),
  PutObjectCommand,
  getSignedUrl,
};
