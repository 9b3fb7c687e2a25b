// The AWS SDK clients the sharing service carries, built at module init as its providers are:
// S3 and its presigner (share downloads), the DynamoDB document client, and SES v2 (share e-mail).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { clientOptions, s3Options } from './client-options';

/** Exported so the bundler keeps every client (see uploads-sdk.ts). */
export const sdk = {
  s3: new S3Client(s3Options),
  documents: DynamoDBDocumentClient.from(new DynamoDBClient(clientOptions)),
  ses: new SESv2Client(clientOptions),
  GetObjectCommand,
  SendEmailCommand,
  getSignedUrl,
};
