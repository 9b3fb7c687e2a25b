// Standalone local auth service: `npx nx serve local-auth` (or via tools/devstack).
import path from 'node:path';
import { startLocalAuth } from './index';

async function main(): Promise<void> {
  const port = Number(process.env['LOCAL_AUTH_PORT'] ?? 3100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `LOCAL_AUTH_PORT must be a port number, got "${process.env['LOCAL_AUTH_PORT']}"`,
    );
  }
  const sesEndpoint = process.env['SES_ENDPOINT'] ?? 'http://127.0.0.1:8005';
  const dataFile = path.resolve('.enclave/auth/users.json');
  const service = await startLocalAuth({ port, sesEndpoint, dataFile });
  console.log(
    `local-auth listening on ${service.endpoint} (mail via ${sesEndpoint}, data in ${dataFile})`,
  );
  const shutdown = (): void => {
    service.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(
    `local-auth failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
