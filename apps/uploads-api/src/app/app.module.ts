import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuthGuardModule } from '@enclave/auth-guard';
import { awsCredentials } from '@enclave/config';
import { MetadataModule } from '@enclave/metadata';
import { ContractValidationInterceptor, loggerModule } from '@enclave/service-kit';
import { StorageModule } from '@enclave/storage';
import type { UploadsConfig } from '../config';
import { FilesModule } from '../files/files.module';
import type { Clock } from '../files/files-settings';
import { HealthController } from '../health/health.controller';

@Module({})
export class AppModule {
  static forRoot(config: UploadsConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggerModule(config.LOG_LEVEL),
        AuthGuardModule.forRoot({
          endpoint: config.AUTH_ENDPOINT,
          apiKey: config.AUTH_API_KEY,
          timeoutMs: config.AUTH_TIMEOUT_MS,
          cacheTtlSeconds: config.AUTH_CACHE_TTL_SECONDS,
        }),
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
        }),
        FilesModule.forRoot(
          {
            uploadUrlExpiresSeconds: config.UPLOAD_URL_EXPIRES_SECONDS,
            partUrlExpiresSeconds: config.PART_URL_EXPIRES_SECONDS,
            downloadUrlExpiresSeconds: config.DOWNLOAD_URL_EXPIRES_SECONDS,
            multipartThresholdBytes: config.MULTIPART_THRESHOLD_BYTES,
            partSizeBytes: config.MULTIPART_PART_SIZE_BYTES,
            maxFileBytes: config.MAX_FILE_BYTES,
            userQuotaBytes: config.USER_QUOTA_BYTES,
            uploadTtlSeconds: config.UPLOAD_TTL_SECONDS,
            deletedRetentionSeconds: config.DELETED_RETENTION_SECONDS,
          },
          clock,
        ),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_INTERCEPTOR, useClass: ContractValidationInterceptor }],
    };
  }
}
