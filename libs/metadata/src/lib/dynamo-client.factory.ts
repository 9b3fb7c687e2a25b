import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsClientLimits } from '@enclave/config';
import type { MetadataOptions } from './metadata-options';

/** The module's one document client, shared by every repository (one connection pool). */
export const DOCUMENT_CLIENT = Symbol('DOCUMENT_CLIENT');

export function createDocumentClient(options: MetadataOptions): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    ...awsClientLimits(options.limits),
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}
