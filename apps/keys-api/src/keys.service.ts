import { encryptionSettings, KeyLockModule } from '@enclave/kms-key-lock';
import { MetadataModule, metadataSettings } from '@enclave/metadata';
import { defineService } from '@enclave/service-kit';
import { StorageModule, storageSettings } from '@enclave/storage';
import { keysConfigSchema } from './config';
import { KeysModule } from './keys/keys.module';

/** The keys service: a user's encryption key, and crypto-shredding, on the shared service module. */
export const keysService = defineService({
  name: 'keys',
  configSchema: keysConfigSchema,
  imports: (config) => [
    StorageModule.forRoot(storageSettings(config)),
    MetadataModule.forRoot(metadataSettings(config)),
    KeyLockModule.forRoot(encryptionSettings(config)),
    KeysModule.forRoot({ deletedRetentionSeconds: config.DELETED_RETENTION_SECONDS }),
  ],
});
