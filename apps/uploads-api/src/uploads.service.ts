import { encryptionSettings, KeyLockModule } from '@enclave/kms-key-lock';
import { MetadataModule, metadataSettings } from '@enclave/metadata';
import { defineService } from '@enclave/service-kit';
import { StorageModule, storageSettings } from '@enclave/storage';
import { uploadsConfigSchema } from './config';
import { FilesModule } from './files/files.module';

/** The uploads service: file lifecycle over S3 and DynamoDB, on the shared service module. */
export const uploadsService = defineService({
  name: 'uploads',
  configSchema: uploadsConfigSchema,
  imports: (config) => [
    StorageModule.forRoot(storageSettings(config)),
    MetadataModule.forRoot(metadataSettings(config)),
    KeyLockModule.forRoot(encryptionSettings(config)),
    FilesModule.forRoot({
      uploadUrlExpiresSeconds: config.UPLOAD_URL_EXPIRES_SECONDS,
      partUrlExpiresSeconds: config.PART_URL_EXPIRES_SECONDS,
      downloadUrlExpiresSeconds: config.DOWNLOAD_URL_EXPIRES_SECONDS,
      multipartThresholdBytes: config.MULTIPART_THRESHOLD_BYTES,
      partSizeBytes: config.MULTIPART_PART_SIZE_BYTES,
      maxFileBytes: config.MAX_FILE_BYTES,
      userQuotaBytes: config.USER_QUOTA_BYTES,
      uploadTtlSeconds: config.UPLOAD_TTL_SECONDS,
      deletedRetentionSeconds: config.DELETED_RETENTION_SECONDS,
    }),
  ],
});
