import { ConfigError } from '@enclave/config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDeploySettings, readDeploySettings } from './deploy-settings';

const VALID = {
  auth_endpoint: 'https://auth.example.com',
  files_bucket_name: 'acme-enclave-files',
  sender_email: 'files@example.com',
};

/** The problems a ConfigError lists, or none. */
function problemsOf(run: () => unknown): string[] {
  try {
    run();
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('deploy settings', () => {
  it('fills the defaults around the three required settings', () => {
    expect(parseDeploySettings(VALID)).toEqual({
      ...VALID,
      stage: 'prod',
      region: 'us-east-1',
      allowed_origins: [],
      kms_mode: 's3',
    });
  });

  it('names every bad or missing setting by its field, before anything is synthesized', () => {
    expect(
      problemsOf(() =>
        parseDeploySettings({
          auth_endpoint: 'http://auth.example.com',
          files_bucket_name: 'Bad_Bucket',
          allowed_origins: ['https://files.example.com/app'],
          kms_mode: 'aws',
          stage: 'Prod',
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^enclave\.config\.json: stage: must be 1–20 lowercase/),
      'enclave.config.json: auth_endpoint: must be an https URL',
      expect.stringMatching(/^enclave\.config\.json: files_bucket_name: must be 3–63 lowercase/),
      expect.stringMatching(/^enclave\.config\.json: sender_email: /),
      expect.stringMatching(/^enclave\.config\.json: allowed_origins\.0: must be an origin/),
      expect.stringMatching(/^enclave\.config\.json: kms_mode: /),
    ]);
  });

  it('refuses a setting it does not know, so a typo is not silently ignored', () => {
    expect(problemsOf(() => parseDeploySettings({ ...VALID, kms_mod: 'per_user' }))).toEqual([
      expect.stringContaining('kms_mod'),
    ]);
  });

  it('wants the hosted zone with a custom domain', () => {
    expect(
      problemsOf(() => parseDeploySettings({ ...VALID, portal_domain: 'files.example.com' })),
    ).toEqual([
      'enclave.config.json: hosted_zone: is needed with api_domain or portal_domain (their aliases go there)',
    ]);
  });

  it('takes custom domains for the API and the portal under the hosted zone', () => {
    const settings = parseDeploySettings({
      ...VALID,
      api_domain: 'api.files.example.com',
      portal_domain: 'files.example.com',
      hosted_zone: 'example.com',
    });
    expect(settings).toMatchObject({
      api_domain: 'api.files.example.com',
      portal_domain: 'files.example.com',
    });
  });

  it('refuses a custom domain outside the hosted zone, or one name for both', () => {
    expect(
      problemsOf(() =>
        parseDeploySettings({
          ...VALID,
          api_domain: 'api.example.org',
          portal_domain: 'badexample.com',
          hosted_zone: 'example.com',
        }),
      ),
    ).toEqual([
      'enclave.config.json: api_domain: must be example.com or a name under it (its records go in hosted_zone)',
      'enclave.config.json: portal_domain: must be example.com or a name under it (its records go in hosted_zone)',
    ]);
    expect(
      problemsOf(() =>
        parseDeploySettings({
          ...VALID,
          api_domain: 'files.example.com',
          portal_domain: 'files.example.com',
          hosted_zone: 'example.com',
        }),
      ),
    ).toEqual([
      'enclave.config.json: api_domain: must differ from portal_domain (each name has its own certificate and alias)',
    ]);
  });

  it('names a missing or malformed file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'enclave-settings-'));
    expect(problemsOf(() => readDeploySettings(join(dir, 'none.json')))).toEqual([
      expect.stringMatching(/none\.json: not found/),
    ]);
    writeFileSync(join(dir, 'bad.json'), '{ "stage": ');
    expect(problemsOf(() => readDeploySettings(join(dir, 'bad.json')))).toEqual([
      expect.stringMatching(/bad\.json: not valid JSON/),
    ]);
    writeFileSync(join(dir, 'good.json'), JSON.stringify({ ...VALID, kms_mode: 'per_user' }));
    expect(readDeploySettings(join(dir, 'good.json')).kms_mode).toBe('per_user');
  });
});
