import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ServiceBaseConfig } from '@enclave/config';
import { PinoNestLogger, SERVICE_LOGGER } from '../service/logging';
import type { ServiceDefinition } from '../service/service-definition';
import { once } from './once';

export type Job<Result> = (app: INestApplicationContext) => Promise<Result>;

/**
 * A scheduled job of a service (e.g. the abandoned-upload sweep): returns a Lambda handler for
 * a schedule, with the service's modules built once per container. When `entry` is the script
 * node was started with, it also runs the job once, prints the result and exits.
 */
export function scheduledJob<Config extends ServiceBaseConfig, Result>(
  definition: ServiceDefinition<Config>,
  job: Job<Result>,
  entry?: NodeJS.Module,
): () => Promise<Result> {
  const context = once(async (): Promise<INestApplicationContext> => {
    const app = await NestFactory.createApplicationContext(
      definition.module(definition.loadConfig()),
      { bufferLogs: true, abortOnError: false },
    );
    app.useLogger(new PinoNestLogger(app.get(SERVICE_LOGGER)));
    return app;
  });
  const handler = async (): Promise<Result> => job(await context());
  if (entry && require.main === entry) {
    handler().then(
      async (result) => {
        console.log(JSON.stringify(result));
        await (await context()).close();
      },
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  }
  return handler;
}
