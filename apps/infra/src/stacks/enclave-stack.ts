import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { DeploySettings } from '../config/deploy-settings';
import { type Naming, naming } from '../config/naming';

export interface EnclaveStackProps {
  settings: DeploySettings;
}

/** One deployment of Enclave in one AWS account and region: everything `npm run deploy` makes. */
export class EnclaveStack extends TerraformStack {
  readonly names: Naming;

  constructor(scope: Construct, id: string, props: EnclaveStackProps) {
    super(scope, id);
    const { settings } = props;
    this.names = naming(settings.stage);
    new AwsProvider(this, 'aws', {
      region: settings.region,
      defaultTags: [{ tags: { ...this.names.tags } }],
    });
  }
}
