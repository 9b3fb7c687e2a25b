import type { EnclaveService } from '@enclave/api-contract';
import type { StackResources } from './stack-resources';

/** A service's scheduled job: a Lambda on an EventBridge schedule on AWS, a timer in devstack. */
export interface ServiceJob {
  name: string;
  /** The job's bundle (it exports `handler`; run directly, it runs once), from the workspace root. */
  bundle: string;
  everySeconds: number;
  /** The devstack variable that changes how often it runs. */
  intervalVariable: string;
}

/**
 * A service's handler of S3 event notifications from the files bucket: a Lambda the bucket
 * notifies on AWS; on the local stack, a process devstack forks and feeds the local S3's events.
 */
export interface ServiceEventHandler {
  name: string;
  /** The handler's bundle (it exports `handler`), from the workspace root. */
  bundle: string;
  /** The S3 event types it is subscribed to. */
  events: readonly 's3:ObjectCreated:*'[];
}

/** One Enclave service, as everything that runs or deploys it sees it. */
export interface RegisteredService {
  /** The `x-enclave-service` name its operations carry in openapi.yaml. */
  name: EnclaveService;
  /** Its Nx project, whose build writes the bundles below. */
  project: string;
  /** Where devstack runs it (ENCLAVE_<NAME>_PORT overrides). */
  defaultPort: number;
  /** Bundles from the workspace root: the HTTP server (`main.ts`) and the Lambda handler. */
  bundles: { http: string; lambda: string };
  jobs: readonly ServiceJob[];
  eventHandlers: readonly ServiceEventHandler[];
  /** The settings only this service reads, from where the stack keeps its resources. */
  env(stack: StackResources): Record<string, string>;
}

const uploads: RegisteredService = {
  name: 'uploads',
  project: 'uploads-api',
  defaultPort: 3001,
  bundles: { http: 'dist/apps/uploads-api/main.js', lambda: 'dist/apps/uploads-api/lambda.js' },
  jobs: [
    {
      name: 'sweep',
      bundle: 'dist/apps/uploads-api/sweep.js',
      everySeconds: 3600,
      intervalVariable: 'ENCLAVE_SWEEP_INTERVAL_SECONDS',
    },
  ],
  eventHandlers: [
    {
      name: 'object-created',
      bundle: 'dist/apps/uploads-api/object-created.js',
      events: ['s3:ObjectCreated:*'],
    },
  ],
  env: (stack) => ({
    S3_BUCKET: stack.bucket,
    FILES_TABLE: stack.tables.files,
    // A file's removal revokes its shares.
    SHARES_TABLE: stack.tables.shares,
    // Every upload is signed for the mode's encryption; per_user makes the uploader's key.
    ...encryptionEnv(stack),
  }),
};

const sharing: RegisteredService = {
  name: 'sharing',
  project: 'sharing-api',
  defaultPort: 3002,
  bundles: { http: 'dist/apps/sharing-api/main.js', lambda: 'dist/apps/sharing-api/lambda.js' },
  jobs: [],
  eventHandlers: [],
  env: (stack) => ({
    S3_BUCKET: stack.bucket,
    FILES_TABLE: stack.tables.files,
    SHARES_TABLE: stack.tables.shares,
    SHARE_LINK_BASE: stack.shareLinkBase,
  }),
};

const keys: RegisteredService = {
  name: 'keys',
  project: 'keys-api',
  defaultPort: 3003,
  bundles: { http: 'dist/apps/keys-api/main.js', lambda: 'dist/apps/keys-api/lambda.js' },
  jobs: [],
  eventHandlers: [],
  env: (stack) => ({
    // Crypto-shredding removes every file of the user, their objects and their shares.
    S3_BUCKET: stack.bucket,
    FILES_TABLE: stack.tables.files,
    SHARES_TABLE: stack.tables.shares,
    ...encryptionEnv(stack),
  }),
};

/** What the services that sign uploads or manage keys read about encryption. */
function encryptionEnv(stack: StackResources): Record<string, string> {
  return {
    KMS_MODE: stack.encryption.kmsMode,
    ...(stack.encryption.sharedKeyId ? { KMS_SHARED_KEY_ID: stack.encryption.sharedKeyId } : {}),
    KEYS_TABLE: stack.tables.keys,
    ENCLAVE_STAGE: stack.stage,
  };
}

/**
 * Every service of the product. devstack, its gateway, the test harness and the job schedules
 * read this list; adding a service is one entry here.
 */
export const SERVICES: readonly RegisteredService[] = [uploads, sharing, keys];

export function registeredService(name: EnclaveService): RegisteredService {
  const service = SERVICES.find((s) => s.name === name);
  if (!service) throw new Error(`no ${name} service is registered (libs/service-registry)`);
  return service;
}

/** A static site of the product: built by its Nx project, served by devstack (a CDN on AWS). */
export interface RegisteredSite {
  name: string;
  project: string;
  /** Where devstack serves it (ENCLAVE_<NAME>_PORT overrides). */
  defaultPort: number;
  /** The built site's folder, from the workspace root. */
  root: string;
}

/** The portal (apps/web): what a person opens first; it also serves the public share page. */
export const PORTAL: RegisteredSite = {
  name: 'portal',
  project: 'web',
  defaultPort: 4200,
  root: 'dist/apps/web/browser',
};
