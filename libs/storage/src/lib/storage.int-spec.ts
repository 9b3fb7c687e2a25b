import { Test } from '@nestjs/testing';
import {
  ensureBucket,
  LOCAL_ACCESS_KEY_ID,
  LOCAL_SECRET_ACCESS_KEY,
  startS3,
} from '@enclave/local-stack';
import { describeStorageBehaviour } from '../testing/storage.behaviour';
import { FileStorage } from './file-storage';
import { MultipartStorage } from './multipart-storage';
import { StorageModule } from './storage.module';

// The adapters against s3rver behind the SigV4-verifying proxy: what they sign is what S3 enforces.
describeStorageBehaviour('local S3', async () => {
  const s3 = await startS3();
  const bucket = 'storage-spec';
  await ensureBucket({ endpoint: s3.endpoint, bucket, corsOrigins: [] });
  const module = await Test.createTestingModule({
    imports: [
      StorageModule.forRoot({
        bucket,
        region: 'us-east-1',
        endpoint: s3.endpoint,
        credentials: { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY },
      }),
    ],
  }).compile();
  return {
    storage: module.get(FileStorage),
    multipart: module.get(MultipartStorage),
    listsAndAbortsParts: true,
    send: async ({ method, url, headers, body }) => {
      const response = await fetch(url, { method, headers, body: body && new Uint8Array(body) });
      const answered: Record<string, string> = {};
      response.headers.forEach((value, name) => (answered[name] = value));
      return {
        status: response.status,
        headers: answered,
        body: new Uint8Array(await response.arrayBuffer()),
      };
    },
    tearDown: async () => {
      await module.close();
      await s3.stop();
    },
  };
});
