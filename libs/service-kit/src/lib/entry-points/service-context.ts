import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ServiceBaseConfig } from '@enclave/config';
import { PinoNestLogger, SERVICE_LOGGER } from '../service/logging';
import type { ServiceDefinition } from '../service/service-definition';
import { once } from './once';

/**
 * A service's modules without an HTTP server (for jobs and event handlers), built on the first
 * call and shared after; a failed start is retried on the next call.
 */
export function serviceContext<Config extends ServiceBaseConfig>(
  definition: ServiceDefinition<Config>,
): () => Promise<INestApplicationContext> {
  return once(async (): Promise<INestApplicationContext> => {
    const app = await NestFactory.createApplicationContext(
      definition.module(definition.loadConfig()),
      { bufferLogs: true, abortOnError: false },
    );
    app.useLogger(new PinoNestLogger(app.get(SERVICE_LOGGER)));
    return app;
  });
}
