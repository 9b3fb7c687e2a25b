import { Testing } from 'cdktf';
import { parseDeploySettings } from '../config/deploy-settings';
import { EnclaveStack } from './enclave-stack';

describe('EnclaveStack', () => {
  it('synthesizes with no AWS credentials and no terraform binary, in the settings region', () => {
    const settings = parseDeploySettings({
      stage: 'test',
      region: 'eu-west-1',
      auth_endpoint: 'https://auth.example.com',
      files_bucket_name: 'acme-enclave-files',
      sender_email: 'files@example.com',
    });
    const stack = new EnclaveStack(Testing.app(), 'enclave-test', { settings });
    const synth = JSON.parse(Testing.synth(stack)) as {
      provider: { aws: { region: string; default_tags: { tags: Record<string, string> }[] }[] };
    };
    expect(synth.provider.aws[0]?.region).toBe('eu-west-1');
    expect(synth.provider.aws[0]?.default_tags[0]?.tags).toEqual({
      'enclave:stage': 'test',
      'managed-by': 'cdktf',
    });
  });
});
