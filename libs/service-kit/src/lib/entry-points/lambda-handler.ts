import serverlessExpress from '@codegenie/serverless-express';
import type { ServiceBaseConfig } from '@enclave/config';
import type { Handler } from 'aws-lambda';
import type { ServiceDefinition } from '../service/service-definition';
import { createServiceApp } from './create-service-app';
import { once } from './once';

/**
 * A Lambda handler for API Gateway events: the app is built once per container (on the first
 * event) and reused; a failed start is retried on the next event rather than cached.
 */
export function lambdaHandler<Config extends ServiceBaseConfig>(
  definition: ServiceDefinition<Config>,
): Handler {
  const ready = once(async (): Promise<Handler> => {
    const app = await createServiceApp(definition);
    return serverlessExpress({ app: app.getHttpAdapter().getInstance() });
  });
  return async (event, context, callback) => (await ready())(event, context, callback);
}
