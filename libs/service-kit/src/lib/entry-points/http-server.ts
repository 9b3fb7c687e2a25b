import type { ServiceBaseConfig } from '@enclave/config';
import type { ServiceDefinition } from '../service/service-definition';
import { createServiceApp } from './create-service-app';

/** Runs the service as an HTTP server on HOST:PORT (devstack, tests); exits 1 if it cannot. */
export function serveHttp<Config extends ServiceBaseConfig>(
  definition: ServiceDefinition<Config>,
): Promise<void> {
  return (async () => {
    const config = definition.loadConfig();
    const app = await createServiceApp(definition, config);
    app.enableShutdownHooks();
    await app.listen(config.PORT, config.HOST);
    console.log(`${definition.name}-api listening on ${await app.getUrl()}`);
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
