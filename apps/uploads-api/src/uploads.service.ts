import { awsCredentials } from '@enclave/config';
import { encryptionSettings, KeyLockModule } from '@enclave/kms-key-lock';
import { MetadataModule } from '@enclave/metadata';
import { defineService } from '@enclave/service-kit';
import { StorageModule } from '@enclave/storage';
import { uploadsConfigSchema } from './config';
import { FilesModule } from './files/files.module';

/** The uploads service: file lifecycle over S3 and DynamoDB, on the shared service module. */
export const uploadsService = defineService({
  name: 'uploads',
  configSchema: uploadsConfigSchema,
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
