import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type DynamicModule, Inject, Module, type OnModuleDestroy, Optional } from '@nestjs/common';
import { awsAnswers, DependencyChecks } from '@enclave/errors';
import { FileStorage } from './file-storage';
import { MultipartStorage } from './multipart-storage';
import { createS3Client, S3_CLIENT } from './s3-client.factory';
import { STORAGE_OPTIONS, type StorageOptions } from './storage-options';

@Module({})
export class StorageModule implements OnModuleDestroy {
  constructor(
    @Inject(S3_CLIENT) private readonly s3: S3Client,
    @Inject(STORAGE_OPTIONS) options: StorageOptions,
    @Optional() @Inject(DependencyChecks) checks?: DependencyChecks,
  ) {
    // A key no upload can have (they start with a user id): S3's 404 or 403 means it answered.
    checks?.register('s3', () =>
      awsAnswers(() => s3.send(new HeadObjectCommand({ Bucket: options.bucket, Key: '.health' }))),
    );
  }

  static forRoot(options: StorageOptions): DynamicModule {
    return {
      module: StorageModule,
      global: true,
      providers: [
        { provide: STORAGE_OPTIONS, useValue: options },
        { provide: S3_CLIENT, useFactory: () => createS3Client(options) },
        FileStorage,
        MultipartStorage,
      ],
      exports: [FileStorage, MultipartStorage],
    };
  }

  onModuleDestroy(): void {
    this.s3.destroy();
  }
}
