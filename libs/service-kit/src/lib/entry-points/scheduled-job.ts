import type { INestApplicationContext } from '@nestjs/common';
import type { ServiceBaseConfig } from '@enclave/config';
import type { ServiceDefinition } from '../service/service-definition';
import { exitWithParent } from './exit-with-parent';
import { serviceContext } from './service-context';

export type Job<Result> = (app: INestApplicationContext) => Promise<Result>;

/**
 * A scheduled job of a service (e.g. the abandoned-upload sweep): returns a Lambda handler for
 * a schedule, with the service's modules built once per container. When `entry` is the script
 * node was started with, it also runs the job once, prints the result and exits (sooner if the
 * parent that started it, devstack, is gone).
 */
export function scheduledJob<Config extends ServiceBaseConfig, Result>(
  definition: ServiceDefinition<Config>,
  job: Job<Result>,
  entry?: NodeJS.Module,
): () => Promise<Result> {
  const context = serviceContext(definition);
  const handler = async (): Promise<Result> => job(await context());
  if (entry && require.main === entry) {
    const stopWatching = exitWithParent(async () => context.built()?.close());
    handler().then(
      async (result) => {
        console.log(JSON.stringify(result));
        await (await context()).close();
        stopWatching();
      },
      (error: unknown) => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  }
  return handler;
}
