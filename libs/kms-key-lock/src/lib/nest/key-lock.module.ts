import type { KMSClient } from '@aws-sdk/client-kms';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type DynamicModule, Inject, Module, type OnModuleDestroy } from '@nestjs/common';
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
  constructor(@Inject(KMS_CLIENT) private readonly kms: KMSClient) {}

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
