// The smallest NestJS Lambda: Nest on express, @codegenie/serverless-express, one health route,
// the app built once per container on the first event as libs/service-kit's lambdaHandler does.
import 'reflect-metadata';
import serverlessExpress from '@codegenie/serverless-express';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Handler } from 'aws-lambda';

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
