import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KEY_DELETION_WINDOW_DAYS, sharedKeyAlias } from '@enclave/service-registry';
import { Construct } from 'constructs';
import type { Naming } from '../../config/naming';

export interface SharedKeyProps {
  names: Naming;
}

/**
 * kms_mode `shared`: the one KMS key every file is encrypted under. Rotation on, so its key
 * material renews yearly without re-encrypting anything; on destroy it waits the shortest
 * window KMS allows, as the per-user keys do.
 */
export class SharedKey extends Construct {
  readonly key: KmsKey;
  readonly alias: KmsAlias;
  readonly keyArn: string;
  readonly keyId: string;
  readonly aliasName: string;

  constructor(scope: Construct, id: string, props: SharedKeyProps) {
    super(scope, id);
    this.key = new KmsKey(this, 'key', {
      description: `Enclave ${props.names.stage}: the key files are encrypted under (kms_mode shared)`,
      enableKeyRotation: true,
      deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
      tags: { ...props.names.tags },
    });
    this.alias = new KmsAlias(this, 'alias', {
      name: sharedKeyAlias(props.names.stage),
      targetKeyId: this.key.keyId,
    });
    this.keyArn = this.key.arn;
    this.keyId = this.key.keyId;
    this.aliasName = this.alias.name;
  }
}
