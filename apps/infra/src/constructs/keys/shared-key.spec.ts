import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Testing } from 'cdktf';
import { naming } from '../../config/naming';
import { SharedKey } from './shared-key';

describe('SharedKey', () => {
  const text = Testing.synthScope((scope) => {
    new SharedKey(scope, 'key', { names: naming('prod') });
  });
  const json = JSON.parse(text) as {
    resource: { aws_kms_alias: Record<string, { name: string; target_key_id: string }> };
  };

  it('rotates its key material and is deleted after the shortest window', () => {
    expect(text).toHaveResourceWithProperties(KmsKey, {
      enable_key_rotation: true,
      deletion_window_in_days: 7,
    });
  });

  it('is named alias/enclave/{stage}/shared, as the devstack names its own', () => {
    expect(text).toHaveResourceWithProperties(KmsAlias, { name: 'alias/enclave/prod/shared' });
    const [alias] = Object.values(json.resource.aws_kms_alias);
    expect(alias?.target_key_id).toMatch(/^\$\{aws_kms_key\.[\w-]+\.key_id\}$/);
  });

  it('has no prevent_destroy', () => {
    expect(text).not.toContain('prevent_destroy');
  });
});
