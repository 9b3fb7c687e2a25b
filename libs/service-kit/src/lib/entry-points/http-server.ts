import type { INestApplication } from '@nestjs/common';
import type { ServiceBaseConfig } from '@enclave/config';
import type { ServiceDefinition } from '../service/service-definition';
import { createServiceApp } from './create-service-app';
import { exitWithParent } from './exit-with-parent';

/**
 * Runs the service as an HTTP server on HOST:PORT (devstack, tests); exits 1 if it cannot.
 * Started by a parent with an IPC channel (devstack), it closes and exits when that parent is
 * gone, so no orphan keeps the port.
 */
export function serveHttp<Config extends ServiceBaseConfig>(
  definition: ServiceDefinition<Config>,
): Promise<void> {
  let app: INestApplication | undefined;
  exitWithParent(async () => app?.close());
  return (async () => {
    const config = definition.loadConfig();
    app = await createServiceApp(definition, config);
    app.enableShutdownHooks();
    await app.listen(config.PORT, config.HOST);
    console.log(`${definition.name}-api listening on ${await app.getUrl()}`);
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
