import { serviceEnv } from './service-env';
import { registeredService, SERVICES } from './services';
import type { StackResources } from './stack-resources';

const local: StackResources = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'secret' },
  endpoints: { s3: 'http://127.0.0.1:4568', dynamodb: 'http://127.0.0.1:4567' },
  bucket: 'enclave-files-local',
  tables: { files: 'enclave-files', shares: 'enclave-shares', keys: 'enclave-keys' },
  encryption: { kmsMode: 'per_user' },
  stage: 'local',
  shareLinkBase: 'http://127.0.0.1:3000',
  authEndpoint: 'http://127.0.0.1:3100',
  logLevel: 'info',
  corsOrigins: ['http://localhost:4200', 'http://127.0.0.1:4200'],
};

describe('the service registry', () => {
  it('lists each service once, with its own port and bundles', () => {
    const names = SERVICES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(SERVICES.map((s) => s.defaultPort)).size).toBe(names.length);
    expect(registeredService('uploads')).toMatchObject({
      project: 'uploads-api',
      bundles: { http: 'dist/apps/uploads-api/main.js', lambda: 'dist/apps/uploads-api/lambda.js' },
    });
    expect(registeredService('keys')).toMatchObject({
      project: 'keys-api',
      bundles: { http: 'dist/apps/keys-api/main.js', lambda: 'dist/apps/keys-api/lambda.js' },
    });
  });

  it('builds the environment a service reads, pointed at the local stand-ins', () => {
    expect(
      serviceEnv(registeredService('uploads'), local, { host: '127.0.0.1', port: 3001 }),
    ).toEqual({
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'secret',
      S3_ENDPOINT: 'http://127.0.0.1:4568',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:4567',
      AUTH_ENDPOINT: 'http://127.0.0.1:3100',
      LOG_LEVEL: 'info',
      CORS_ORIGINS: 'http://localhost:4200,http://127.0.0.1:4200',
      HOST: '127.0.0.1',
      PORT: '3001',
      S3_BUCKET: 'enclave-files-local',
      FILES_TABLE: 'enclave-files',
      SHARES_TABLE: 'enclave-shares',
      KMS_MODE: 'per_user',
      KEYS_TABLE: 'enclave-keys',
      ENCLAVE_STAGE: 'local',
    });
  });

  it('tells the services that sign uploads or manage keys how files are encrypted', () => {
    const shared = { ...local, encryption: { kmsMode: 'shared' as const, sharedKeyId: 'alias/x' } };
    for (const name of ['uploads', 'keys'] as const) {
      expect(serviceEnv(registeredService(name), shared)).toMatchObject({
        KMS_MODE: 'shared',
        KMS_SHARED_KEY_ID: 'alias/x',
        KEYS_TABLE: 'enclave-keys',
        ENCLAVE_STAGE: 'local',
      });
    }
    expect(serviceEnv(registeredService('sharing'), shared)).not.toHaveProperty('KMS_MODE');
  });

  it('points the sharing service at its tables and where its links lead', () => {
    expect(serviceEnv(registeredService('sharing'), local)).toMatchObject({
      S3_BUCKET: 'enclave-files-local',
      FILES_TABLE: 'enclave-files',
      SHARES_TABLE: 'enclave-shares',
      SHARE_LINK_BASE: 'http://127.0.0.1:3000',
    });
  });

  it('leaves endpoints and credentials out on AWS, where the SDK finds them itself', () => {
    const env = serviceEnv(registeredService('uploads'), {
      ...local,
      credentials: undefined,
      endpoints: {},
    });
    expect(Object.keys(env).filter((name) => /ENDPOINT$|^AWS_(ACCESS|SECRET)/.test(name))).toEqual([
      'AUTH_ENDPOINT',
    ]);
  });
});
