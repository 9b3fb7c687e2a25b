import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { type DynamicModule, Inject, Module, type OnModuleDestroy, Optional } from '@nestjs/common';
import { awsAnswers, DependencyChecks } from '@enclave/errors';
import { createDocumentClient, DOCUMENT_CLIENT } from './dynamo-client.factory';
import { FilesRepository } from './files.repository';
import { METADATA_OPTIONS, type MetadataOptions } from './metadata-options';
import { SharesRepository } from './shares.repository';
import { StorageUsageRepository } from './storage-usage.repository';

/** DynamoDB repositories over one shared document client (destroyed when the app closes). */
@Module({})
export class MetadataModule implements OnModuleDestroy {
  constructor(
    @Inject(DOCUMENT_CLIENT) private readonly db: DynamoDBDocumentClient,
    @Inject(METADATA_OPTIONS) options: MetadataOptions,
    @Optional() @Inject(DependencyChecks) checks?: DependencyChecks,
  ) {
    // One read of a key no file has: any answer, an empty one included, means DynamoDB is up.
    const probe = {
      TableName: options.filesTable,
      Key: { user_id: '.health', file_id: '.health' },
    };
    checks?.register('dynamodb', () => awsAnswers(() => db.send(new GetCommand(probe))));
  }

  static forRoot(options: MetadataOptions): DynamicModule {
    return {
      module: MetadataModule,
      global: true,
      providers: [
        { provide: METADATA_OPTIONS, useValue: options },
        { provide: DOCUMENT_CLIENT, useFactory: () => createDocumentClient(options) },
        FilesRepository,
        SharesRepository,
        StorageUsageRepository,
      ],
      // The client too, for the other tables' adapters (the keys table's lock, libs/kms-key-lock).
      exports: [FilesRepository, SharesRepository, StorageUsageRepository, DOCUMENT_CLIENT],
    };
  }

  onModuleDestroy(): void {
    this.db.destroy();
  }
}
