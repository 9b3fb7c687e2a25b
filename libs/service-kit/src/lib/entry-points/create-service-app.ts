import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ServiceBaseConfig } from '@enclave/config';
import { PinoNestLogger, SERVICE_LOGGER } from '../service/logging';
import type { ServiceDefinition } from '../service/service-definition';

/**
 * Builds a service's Nest app from its definition and config: the one way main.ts, the Lambda
 * handler and tests build it, so all of them run the same middleware, guard, validation and filter.
 */
export async function createServiceApp<Config extends ServiceBaseConfig>(
  definition: ServiceDefinition<Config>,
  config: Config = definition.loadConfig(),
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(definition.module(config), {
    // The service module parses JSON bodies itself (and nothing else).
    bodyParser: false,
    bufferLogs: true,
    // Throw instead of process.exit(1): a Lambda container must report the error, not vanish.
    abortOnError: false,
  });
  app.useLogger(new PinoNestLogger(app.get(SERVICE_LOGGER)));
  const express = app.getHttpAdapter().getInstance();
  express.disable('x-powered-by');
  // Answers are per-user and mostly unique; hashing each body for an ETag nobody sends back is waste.
  express.set('etag', false);
  // The local gateway forwards from loopback and sets x-forwarded-for to its own peer, so req.ip
  // is the client (per-client auth limits); on Lambda serverless-express sets it from API Gateway.
  express.set('trust proxy', 'loopback');
  await app.init();
  return app;
}
