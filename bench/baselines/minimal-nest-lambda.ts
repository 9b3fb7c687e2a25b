// Cold-init baseline A: the smallest NestJS Lambda that carries what the uploads service carries
// (Nest on express, @codegenie/serverless-express, the S3 and DynamoDB clients and the presigner),
// built once per container exactly as apps/uploads-api/src/lambda.ts does. Whatever the service's
// cold start costs beyond this is ours to explain.
import 'reflect-metadata';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import serverlessExpress from '@codegenie/serverless-express';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Handler } from 'aws-lambda';

const region = process.env['AWS_REGION'] ?? 'us-east-1';
const accessKeyId = process.env['AWS_ACCESS_KEY_ID'];
const secretAccessKey = process.env['AWS_SECRET_ACCESS_KEY'];
const credentials = accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;

// Constructed at module init, as a real service's providers would be.
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
 * Exported so the bundler keeps them: the AWS SDK packages declare no side effects, so anything
 * unreferenced (the presigner, the command) would otherwise be dropped and the baseline flattered.
 */
export const sdk = { s3, documents, PutObjectCommand, getSignedUrl };

@Controller()
class HealthController {
  @Get('/health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

@Module({ controllers: [HealthController] })
class MinimalModule {}

let app: Promise<Handler> | undefined;

async function bootstrap(): Promise<Handler> {
  const nest = await NestFactory.create(MinimalModule, { logger: false });
  await nest.init();
  return serverlessExpress({ app: nest.getHttpAdapter().getInstance() });
}

export const handler: Handler = async (event, context, callback) => {
  app ??= bootstrap();
  return (await app)(event, context, callback);
};
