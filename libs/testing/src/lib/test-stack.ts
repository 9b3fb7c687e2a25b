import type { EnclaveService } from '@enclave/api-contract';
import { startLocalAuth } from '@enclave/local-auth';
import { ensureAliasedKey, type RunningKms, startLocalKms } from '@enclave/local-kms';
import {
  ensureBucket,
  ensureTables,
  LOCAL_ACCESS_KEY_ID,
  LOCAL_SECRET_ACCESS_KEY,
  localS3Client,
  type RunningS3,
  type RunningService,
  startDynamo,
  startS3,
  startSes,
} from '@enclave/local-stack';
import { enclaveTableDefinitions } from '@enclave/metadata';
import {
  registeredService,
  serviceEnv,
  SERVICES,
  sharedKeyAlias,
  type StackResources,
} from '@enclave/service-registry';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';

/** Every stand-in a service needs, on free loopback ports, with throwaway data. */
export interface TestStack {
  /** Its `onObjectCreated` stands in for the bucket's event notifications. */
  s3: RunningS3;
  dynamodb: RunningService;
  ses: RunningService;
  auth: RunningService;
  /** Counts the calls it answers (`calls('CreateKey')`) and can be taken down (`down()`). */
  kms: RunningKms;
  bucket: string;
  filesTable: string;
  sharesTable: string;
  keysTable: string;
  /** The encryption the services are told to use (KMS_MODE and the shared key's ARN). */
  encryption: StackResources['encryption'];
  /** What every registered service reads its config from, pointing at this stack. */
  env: Record<string, string>;
  /** What one service reads (built as devstack builds it). */
  envFor(service: EnclaveService): Record<string, string>;
  /** The size of the object S3 holds under `key`, or undefined when there is none. */
  objectSize(key: string): Promise<number | undefined>;
  /** Every key the bucket holds under `prefix` (all of them when absent). */
  objectKeys(prefix?: string): Promise<string[]>;
  stop(): Promise<void>;
}

export interface TestStackOptions {
  /** Lifetime of the auth stand-in's tokens; default 3600. */
  tokenTtlSeconds?: number;
  /** Where share links point (SHARE_LINK_BASE); default http://127.0.0.1:4200. */
  shareLinkBase?: string;
  /** KMS_MODE; default `s3`. `shared` makes the shared key at the local KMS first. */
  kmsMode?: StackResources['encryption']['kmsMode'];
}

const STAGE = 'test';

export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const started: RunningService[] = [];
  const start = async <T extends RunningService>(service: Promise<T>): Promise<T> => {
    const running = await service;
    started.push(running);
    return running;
  };
  const stop = async () => {
    await Promise.all(started.reverse().map((service) => service.stop()));
  };
  try {
    const [ses, s3, dynamodb, kms] = await Promise.all([
      start(startSes()),
      start(startS3()),
      start(startDynamo()),
      start(startLocalKms()),
    ]);
    const kmsMode = options.kmsMode ?? 's3';
    const sharedKeyId =
      kmsMode === 'shared'
        ? await ensureAliasedKey(kms.endpoint, sharedKeyAlias(STAGE))
        : undefined;
    const auth = await start(
      startLocalAuth({ sesEndpoint: ses.endpoint, tokenTtlSeconds: options.tokenTtlSeconds }),
    );
    const resources: StackResources = {
      region: 'us-east-1',
      credentials: { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY },
      endpoints: {
        s3: s3.endpoint,
        dynamodb: dynamodb.endpoint,
        ses: ses.endpoint,
        kms: kms.endpoint,
      },
      bucket: 'enclave-test',
      tables: { files: 'enclave-files', shares: 'enclave-shares', keys: 'enclave-keys' },
      encryption: { kmsMode, sharedKeyId },
      stage: STAGE,
      // No portal runs in tests; links point at where a test can still read the token.
      shareLinkBase: options.shareLinkBase ?? 'http://127.0.0.1:4200',
      authEndpoint: auth.endpoint,
      logLevel: process.env['TEST_LOG_LEVEL'] ?? 'silent',
      corsOrigins: ['http://localhost:4200'],
    };
    await ensureBucket({
      endpoint: s3.endpoint,
      bucket: resources.bucket,
      corsOrigins: [...resources.corsOrigins],
    });
    await ensureTables({
      endpoint: dynamodb.endpoint,
      tables: enclaveTableDefinitions(resources.tables),
    });
    const envFor = (name: EnclaveService) => serviceEnv(registeredService(name), resources);
    const objectSize = async (key: string): Promise<number | undefined> => {
      const client = localS3Client(s3.endpoint);
      try {
        const head = await client.send(
          new HeadObjectCommand({ Bucket: resources.bucket, Key: key }),
        );
        return head.ContentLength;
      } catch (error) {
        if ((error as { name?: string }).name === 'NotFound') return undefined;
        throw error;
      } finally {
        client.destroy();
      }
    };
    const objectKeys = async (prefix?: string): Promise<string[]> => {
      const client = localS3Client(s3.endpoint);
      const keys: string[] = [];
      try {
        let startAfter: string | undefined;
        for (;;) {
          const page = await client.send(
            new ListObjectsV2Command({
              Bucket: resources.bucket,
              Prefix: prefix,
              StartAfter: startAfter,
            }),
          );
          const found = (page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : []));
          keys.push(...found);
          if (!page.IsTruncated || found.length === 0) return keys;
          startAfter = found[found.length - 1];
        }
      } finally {
        client.destroy();
      }
    };
    return {
      s3,
      dynamodb,
      ses,
      auth,
      kms,
      bucket: resources.bucket,
      filesTable: resources.tables.files,
      sharesTable: resources.tables.shares,
      keysTable: resources.tables.keys,
      encryption: resources.encryption,
      env: Object.assign({}, ...SERVICES.map((service) => envFor(service.name))),
      envFor,
      objectSize,
      objectKeys,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
