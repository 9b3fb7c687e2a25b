// Cold-init baseline A: the smallest NestJS Lambda that carries what the uploads service carries
// (Nest on express, @codegenie/serverless-express, the S3 and DynamoDB clients and the presigner),
// built once per container exactly as apps/uploads-api/src/lambda.ts does. Whatever the service's
// cold start costs beyond this is ours to explain.
import 'reflect-metadata';
import serverlessExpress from '@codegenie/serverless-express';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Handler } from 'aws-lambda';

export { sdk } from './sdk-clients';

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
