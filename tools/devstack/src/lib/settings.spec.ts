import { allPorts, readSettings } from './settings';
import { inheritedEnv, serviceEnv } from './service-env';

describe('readSettings', () => {
  it('uses the ports and data layout of ARCHITECTURE.md by default', () => {
    const settings = readSettings({}, '/repo');
    expect(allPorts(settings).map(({ variable, port }) => [variable, port])).toEqual([
      ['ENCLAVE_GATEWAY_PORT', 3000],
      ['ENCLAVE_AUTH_PORT', 3100],
      ['ENCLAVE_S3_PORT', 4568],
      ['ENCLAVE_DYNAMODB_PORT', 4567],
      ['ENCLAVE_SES_PORT', 8005],
      ['ENCLAVE_UPLOADS_PORT', 3001],
      ['ENCLAVE_SHARING_PORT', 3002],
      ['ENCLAVE_KEYS_PORT', 3003],
    ]);
    expect(settings.dataDir).toBe('/repo/.enclave');
    expect(settings.services[0]).toMatchObject({
      name: 'uploads',
      bundle: '/repo/dist/apps/uploads-api/main.js',
    });
    expect(settings.corsOrigins).toEqual(['http://localhost:4200', 'http://127.0.0.1:4200']);
  });

  it('takes ports from the environment and names the variable of a bad or repeated one', () => {
    expect(readSettings({ ENCLAVE_S3_PORT: '9568' }, '/repo').s3.port).toBe(9568);
    expect(() => readSettings({ ENCLAVE_S3_PORT: 'x' }, '/repo')).toThrow(
      'ENCLAVE_S3_PORT=x is not a port number',
    );
    expect(() => readSettings({ ENCLAVE_KEYS_PORT: '3000' }, '/repo')).toThrow(
      'ENCLAVE_GATEWAY_PORT and ENCLAVE_KEYS_PORT both name port 3000',
    );
  });
});

describe('serviceEnv / inheritedEnv', () => {
  it('points a service at the stand-ins without leaking the developer AWS settings', () => {
    const stack = {
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      s3Endpoint: 'http://127.0.0.1:4568',
      bucket: 'enclave-files-local',
      dynamodbEndpoint: 'http://127.0.0.1:4567',
      filesTable: 'enclave-files',
      sesEndpoint: 'http://127.0.0.1:8005',
      authEndpoint: 'http://127.0.0.1:3100',
      logLevel: 'info',
      corsOrigins: ['http://localhost:4200', 'http://127.0.0.1:4200'],
    };
    const env = {
      ...inheritedEnv({
        PATH: '/bin',
        AWS_SESSION_TOKEN: 'real',
        AWS_PROFILE: 'prod',
        AWS_SDK_JS_X: '1',
      }),
      ...serviceEnv(stack, { port: 3001 }),
    };
    expect(env).toEqual({
      PATH: '/bin',
      AWS_SDK_JS_X: '1',
      PORT: '3001',
      HOST: '127.0.0.1',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      S3_ENDPOINT: 'http://127.0.0.1:4568',
      S3_BUCKET: 'enclave-files-local',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:4567',
      FILES_TABLE: 'enclave-files',
      SES_ENDPOINT: 'http://127.0.0.1:8005',
      AUTH_ENDPOINT: 'http://127.0.0.1:3100',
      LOG_LEVEL: 'info',
      CORS_ORIGINS: 'http://localhost:4200,http://127.0.0.1:4200',
    });
  });
});
