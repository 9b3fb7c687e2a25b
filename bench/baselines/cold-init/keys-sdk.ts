// The AWS SDK clients the keys service carries, built at module init as its providers are: KMS
// (the user's key), the DynamoDB document client, and S3 with its presigner (crypto-shredding
// removes the user's objects through the same storage module the other services use).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { clientOptions, s3Options } from './client-options';

/** Exported so the bundler keeps every client (see uploads-sdk.ts). */
export const sdk = {
  kms: new KMSClient(clientOptions),
  documents: DynamoDBDocumentClient.from(new DynamoDBClient(clientOptions)),
  s3: new S3Client(s3Options),
  DeleteObjectCommand,
  getSignedUrl,
};
