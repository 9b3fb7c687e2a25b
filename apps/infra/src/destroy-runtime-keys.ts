import { cleanupKmsClient, removeRuntimeKeys } from '@enclave/runtime-keys';
import { readDeploySettings } from './config/deploy-settings';

// The destroy-time step for what Terraform never held: the per-user KMS keys the keys service
// made at runtime. Run with `cdktf destroy` (`npm run destroy`), with the same settings file.
async function main(): Promise<void> {
  const settings = readDeploySettings(process.env['ENCLAVE_CONFIG'] ?? 'enclave.config.json');
  const kms = cleanupKmsClient({ region: settings.region });
  try {
    const report = await removeRuntimeKeys({ kms, stage: settings.stage });
    console.log(
      `enclave-${settings.stage}: ${report.aliasesDeleted} user key aliases deleted, ` +
        `${report.keysScheduled} keys scheduled for deletion, ` +
        `${report.keysAlreadyPending} already pending`,
    );
  } finally {
    kms.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
