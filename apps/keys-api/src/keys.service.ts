import { awsCredentials } from '@enclave/config';
import { encryptionSettings, KeyLockModule } from '@enclave/kms-key-lock';
import { MetadataModule } from '@enclave/metadata';
import { defineService } from '@enclave/service-kit';
import { StorageModule } from '@enclave/storage';
import { keysConfigSchema } from './config';
import { KeysModule } from './keys/keys.module';

/** The keys service: a user's encryption key, and crypto-shredding, on the shared service module. */
export const keysService = defineService({
  name: 'keys',
  configSchema: keysConfigSchema,
  imports: (config) => [
    StorageModule.forRoot({
      bucket: config.S3_BUCKET,
      region: config.AWS_REGION,
      endpoint: config.S3_ENDPOINT,
      credentials: awsCredentials(config),
    }),
    MetadataModule.forRoot({
      region: config.AWS_REGION,
      endpoint: config.DYNAMODB_ENDPOINT,
      credentials: awsCredentials(config),
      filesTable: config.FILES_TABLE,
      sharesTable: config.SHARES_TABLE,
    }),
    KeyLockModule.forRoot(encryptionSettings(config)),
    KeysModule.forRoot({ deletedRetentionSeconds: config.DELETED_RETENTION_SECONDS }),
  ],
});
