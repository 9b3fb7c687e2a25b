// Cold-init baseline B: no framework at all. The same AWS SDK clients as the service, built at
// module init, and a handler that answers the API Gateway v2 health event by hand. The floor:
// Node's own start plus loading the SDK.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Handler,
} from 'aws-lambda';

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

/** Exported so the bundler keeps them (the SDK packages declare no side effects). */
export const sdk = { s3, documents, PutObjectCommand, getSignedUrl };

export const handler: Handler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = (
  event,
) => {
  if (event.requestContext.http.method === 'GET' && event.rawPath === '/health') {
    return Promise.resolve({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"status":"ok"}',
    });
  }
  return Promise.resolve({
    statusCode: 404,
    headers: { 'content-type': 'application/json' },
    body: '{"status":"not found"}',
  });
};
