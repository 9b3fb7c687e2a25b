import { allPorts, readSettings } from './settings';
import { inheritedEnv } from './service-env';

describe('readSettings', () => {
  it('uses the ports and data layout of ARCHITECTURE.md by default', () => {
    const settings = readSettings({}, '/repo');
    expect(allPorts(settings).map(({ variable, port }) => [variable, port])).toEqual([
      ['ENCLAVE_PORTAL_PORT', 4200],
      ['ENCLAVE_GATEWAY_PORT', 3000],
      ['ENCLAVE_AUTH_PORT', 3100],
      ['ENCLAVE_S3_PORT', 4568],
      ['ENCLAVE_DYNAMODB_PORT', 4567],
      ['ENCLAVE_SES_PORT', 8005],
      ['ENCLAVE_KMS_PORT', 4599],
      ['ENCLAVE_UPLOADS_PORT', 3001],
      ['ENCLAVE_SHARING_PORT', 3002],
      ['ENCLAVE_KEYS_PORT', 3003],
    ]);
    expect(settings.kmsMode).toBe('s3');
    expect(settings.portal.root).toBe('/repo/dist/apps/web/browser');
    expect(settings.dataDir).toBe('/repo/.enclave');
    expect(settings.services[0]).toMatchObject({
      name: 'uploads',
      bundle: '/repo/dist/apps/uploads-api/main.js',
      jobs: [{ bundle: '/repo/dist/apps/uploads-api/sweep.js', intervalSeconds: 3600 }],
      eventHandlers: [{ bundle: '/repo/dist/apps/uploads-api/object-created.js' }],
    });
    expect(settings.services[1]).toMatchObject({
      name: 'sharing',
      bundle: '/repo/dist/apps/sharing-api/main.js',
      jobs: [],
    });
    expect(settings.corsOrigins).toEqual(['http://localhost:4200', 'http://127.0.0.1:4200']);
  });

  it("answers CORS for the portal's own origin wherever it runs, unless CORS_ORIGINS says otherwise", () => {
    expect(readSettings({ ENCLAVE_PORTAL_PORT: '4300' }, '/repo').corsOrigins).toEqual([
      'http://localhost:4300',
      'http://127.0.0.1:4300',
    ]);
    expect(
      readSettings(
        { ENCLAVE_PORTAL_PORT: '4300', CORS_ORIGINS: 'https://a.test, https://b.test' },
        '/repo',
      ).corsOrigins,
    ).toEqual(['https://a.test', 'https://b.test']);
  });

  it('takes ports from the environment and names the variable of a bad or repeated one', () => {
    expect(readSettings({ ENCLAVE_S3_PORT: '9568' }, '/repo').s3.port).toBe(9568);
    expect(() => readSettings({ ENCLAVE_S3_PORT: 'x' }, '/repo')).toThrow(
      'ENCLAVE_S3_PORT=x is not a port number',
    );
    expect(() => readSettings({ ENCLAVE_UPLOADS_PORT: '3000' }, '/repo')).toThrow(
      'ENCLAVE_GATEWAY_PORT and ENCLAVE_UPLOADS_PORT both name port 3000',
    );
  });

  it('reads KMS_MODE, naming the modes when it is none of them', () => {
    expect(readSettings({ KMS_MODE: 'per_user' }, '/repo').kmsMode).toBe('per_user');
    expect(readSettings({ KMS_MODE: 'shared' }, '/repo').kmsMode).toBe('shared');
    expect(() => readSettings({ KMS_MODE: 'kms' }, '/repo')).toThrow(
      'KMS_MODE=kms is not one of s3, shared, per_user',
    );
  });

  it("reads each job's interval from its variable", () => {
    const settings = readSettings({ ENCLAVE_SWEEP_INTERVAL_SECONDS: '60' }, '/repo');
    expect(settings.services[0]?.jobs[0]?.intervalSeconds).toBe(60);
    expect(() => readSettings({ ENCLAVE_SWEEP_INTERVAL_SECONDS: '0' }, '/repo')).toThrow(
      'ENCLAVE_SWEEP_INTERVAL_SECONDS=0 is not a whole number of seconds',
    );
  });
});

describe('inheritedEnv', () => {
  it("keeps the developer's AWS settings away from local services", () => {
    expect(
      inheritedEnv({
        PATH: '/bin',
        AWS_SESSION_TOKEN: 'real',
        AWS_PROFILE: 'prod',
        AWS_SDK_JS_X: '1',
      }),
    ).toEqual({ PATH: '/bin', AWS_SDK_JS_X: '1' });
  });
});
