import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Test } from '@nestjs/testing';
import {
  ensureTables,
  LOCAL_ACCESS_KEY_ID,
  LOCAL_SECRET_ACCESS_KEY,
  startDynamo,
} from '@enclave/local-stack';
import { describeMetadataBehaviour } from '../testing/metadata.behaviour';
import { DOCUMENT_CLIENT } from './dynamo-client.factory';
import { FilesRepository } from './files.repository';
import { MetadataModule } from './metadata.module';
import { StorageUsageRepository, USAGE_KEY } from './storage-usage.repository';
import { filesTableDefinition } from './table-definitions';

// The repositories against dynalite, through MetadataModule as the services build them.
describeMetadataBehaviour('dynalite', async () => {
  const dynamo = await startDynamo();
  await ensureTables({ endpoint: dynamo.endpoint, tables: [filesTableDefinition('files-spec')] });
  const module = await Test.createTestingModule({
    imports: [
      MetadataModule.forRoot({
        region: 'us-east-1',
        endpoint: dynamo.endpoint,
        credentials: { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY },
        filesTable: 'files-spec',
        sharesTable: 'shares-spec',
      }),
    ],
  }).compile();
  const db = module.get<DynamoDBDocumentClient>(DOCUMENT_CLIENT);
  return {
    files: module.get(FilesRepository),
    usage: module.get(StorageUsageRepository),
    putLegacyRow: async (record) => {
      await db.send(new PutCommand({ TableName: 'files-spec', Item: record }));
    },
    putLegacyUsage: async (userId, usedBytes) => {
      await db.send(
        new PutCommand({
          TableName: 'files-spec',
          Item: { user_id: userId, file_id: USAGE_KEY, used_bytes: usedBytes },
        }),
      );
    },
    tearDown: async () => {
      await module.close();
      await dynamo.stop();
    },
  };
});
