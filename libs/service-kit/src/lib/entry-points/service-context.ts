import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ServiceBaseConfig } from '@enclave/config';
import { PinoNestLogger, SERVICE_LOGGER } from '../service/logging';
import type { ServiceDefinition } from '../service/service-definition';
import { once } from './once';

export interface ServiceContext {
  /** The service's modules, built on the first call and shared after (a failed build is retried). */
  (): Promise<INestApplicationContext>;
  /** The modules if they have been built, to close them on the way out. */
  built(): INestApplicationContext | undefined;
}

/** A service's modules without an HTTP server, for its jobs and event handlers. */
export function serviceContext<Config extends ServiceBaseConfig>(
  definition: ServiceDefinition<Config>,
): ServiceContext {
  let built: INestApplicationContext | undefined;
  const context = once(async (): Promise<INestApplicationContext> => {
    const app = await NestFactory.createApplicationContext(
      definition.module(definition.loadConfig()),
      { bufferLogs: true, abortOnError: false },
    );
    app.useLogger(new PinoNestLogger(app.get(SERVICE_LOGGER)));
    built = app;
    return app;
  });
  return Object.assign(context, { built: () => built });
}
