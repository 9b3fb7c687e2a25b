// Standalone local KMS: `npx nx serve local-kms` (or via tools/devstack).
import path from 'node:path';
import { startLocalKms } from './index';

async function main(): Promise<void> {
  const port = Number(process.env['LOCAL_KMS_PORT'] ?? 4599);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`LOCAL_KMS_PORT must be a port number, got "${process.env['LOCAL_KMS_PORT']}"`);
  }
  const dataDir = path.resolve('.enclave/kms');
  const service = await startLocalKms({ port, dataDir });
  console.log(`local-kms listening on ${service.endpoint} (data in ${dataDir})`);
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
    `local-kms failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
