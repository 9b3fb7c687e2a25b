import { DescribeKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type DynamicModule, Inject, Module, type OnModuleDestroy, Optional } from '@nestjs/common';
import { awsAnswers, DependencyChecks } from '@enclave/errors';
import { DOCUMENT_CLIENT } from '@enclave/metadata';
import { DynamoKeyRows } from '../dynamo-key-rows';
import { createKmsClient, KmsKeyManagement } from '../kms-key-management';
import { UserKeys } from '../user-keys';
import { ENCRYPTION_SETTINGS, type EncryptionSettings } from './encryption-settings';
import { FileEncryption } from './file-encryption';

const KMS_CLIENT = Symbol('KMS_CLIENT');

/**
 * Per-user keys (UserKeys, over the keys table and KMS) and each upload's encryption
 * (FileEncryption). Needs MetadataModule (global) for its DynamoDB client.
 */
@Module({})
export class KeyLockModule implements OnModuleDestroy {
  constructor(
    @Inject(KMS_CLIENT) private readonly kms: KMSClient,
    @Inject(ENCRYPTION_SETTINGS) settings: EncryptionSettings,
    @Optional() @Inject(DependencyChecks) checks?: DependencyChecks,
  ) {
    // In `s3` mode nothing calls KMS, so its health is not this service's. Otherwise the shared
    // key, or an alias no key has (NotFound means KMS answered).
    if (settings.mode === 's3') return;
    const probe = new DescribeKeyCommand({
      KeyId: settings.sharedKeyId ?? 'alias/enclave-health-probe',
    });
    checks?.register('kms', () => awsAnswers(() => kms.send(probe)));
  }

  static forRoot(settings: EncryptionSettings): DynamicModule {
    return {
      module: KeyLockModule,
      global: true,
      providers: [
        { provide: ENCRYPTION_SETTINGS, useValue: settings },
        {
          provide: KMS_CLIENT,
          useFactory: () =>
            createKmsClient({
              region: settings.region,
              endpoint: settings.endpoint,
              credentials: settings.credentials,
              limits: settings.limits,
            }),
        },
        {
          provide: UserKeys,
          inject: [DOCUMENT_CLIENT, KMS_CLIENT],
          useFactory: (db: DynamoDBDocumentClient, kms: KMSClient) =>
            new UserKeys(new DynamoKeyRows(db, settings.keysTable), new KmsKeyManagement(kms), {
              stage: settings.stage,
              cacheSeconds: settings.cacheSeconds,
            }),
        },
        FileEncryption,
      ],
      exports: [UserKeys, FileEncryption, ENCRYPTION_SETTINGS],
    };
  }

  onModuleDestroy(): void {
    this.kms.destroy();
  }
}
