import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import { Logger } from 'nestjs-pino';
import { ProblemFilter } from './problem.filter';

export interface HttpAppOptions {
  corsOrigins: string[];
}

/**
 * One way to build every Enclave service, used by main.ts (a server) and lambda.ts alike, so
 * both run exactly the same middleware, filters and validation.
 */
export async function createHttpApp(
  module: Type<unknown> | DynamicModule,
  options: HttpAppOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bodyParser: false,
    bufferLogs: true,
    // Throw instead of process.exit(1): a Lambda container must report the error, not vanish.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // JSON only (no forms); the largest legal body is a multipart completion with 10,000 ETags.
  app.use(json({ limit: '2mb' }));
  app.useGlobalFilters(new ProblemFilter());
  app.enableCors({
    origin: options.corsOrigins,
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  app.enableShutdownHooks();
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  await app.init();
  return app;
}
