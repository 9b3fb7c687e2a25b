import { startLocalAuth } from '@enclave/local-auth';
import {
  ensureBucket,
  ensureTables,
  LOCAL_ACCESS_KEY_ID,
  LOCAL_SECRET_ACCESS_KEY,
  type RunningService,
  startDynamo,
  startS3,
  startSes,
} from '@enclave/local-stack';
import { filesTableDefinition } from '@enclave/metadata';

/** Every stand-in a service needs, on free loopback ports, with throwaway data. */
export interface TestStack {
  s3: RunningService;
  dynamodb: RunningService;
  ses: RunningService;
  auth: RunningService;
  bucket: string;
  filesTable: string;
  /** The environment a service reads its config from, pointing at this stack. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface TestStackOptions {
  /** Lifetime of the auth stand-in's tokens; default 3600. */
  tokenTtlSeconds?: number;
}

export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const started: RunningService[] = [];
  const start = async (service: Promise<RunningService>) => {
    const running = await service;
    started.push(running);
    return running;
  };
  const stop = async () => {
    await Promise.all(started.reverse().map((service) => service.stop()));
  };
  try {
    const [ses, s3, dynamodb] = await Promise.all([
      start(startSes()),
      start(startS3()),
      start(startDynamo()),
    ]);
    const auth = await start(
      startLocalAuth({ sesEndpoint: ses.endpoint, tokenTtlSeconds: options.tokenTtlSeconds }),
    );
    const bucket = 'enclave-test';
    const filesTable = 'enclave-files';
    await ensureBucket({ endpoint: s3.endpoint, bucket, corsOrigins: ['http://localhost:4200'] });
    await ensureTables({ endpoint: dynamodb.endpoint, tables: [filesTableDefinition(filesTable)] });
    const env = {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: LOCAL_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: LOCAL_SECRET_ACCESS_KEY,
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: bucket,
      DYNAMODB_ENDPOINT: dynamodb.endpoint,
      FILES_TABLE: filesTable,
      SES_ENDPOINT: ses.endpoint,
      AUTH_ENDPOINT: auth.endpoint,
      LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
      HOST: '127.0.0.1',
      PORT: '0',
    };
    return { s3, dynamodb, ses, auth, bucket, filesTable, env, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
