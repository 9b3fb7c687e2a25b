// The AWS SDK clients both cold-init baselines carry, constructed at module init as a real
// service's providers would be: the S3 client and presigner, and the DynamoDB document client.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

const region = process.env['AWS_REGION'] ?? 'us-east-1';
const accessKeyId = process.env['AWS_ACCESS_KEY_ID'];
const secretAccessKey = process.env['AWS_SECRET_ACCESS_KEY'];
const credentials = accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;

const s3 = new S3Client({
  region,
  credentials,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ region, credentials }), {
  marshallOptions: { removeUndefinedValues: true },
});

/**
 * Exported, and re-exported by each baseline, so the bundler keeps them: the SDK packages declare
 * no side effects, so anything unreferenced (the presigner, the command) would otherwise be
 * dropped and the baseline flattered.
 */
export const sdk = { s3, documents, PutObjectCommand, getSignedUrl };
