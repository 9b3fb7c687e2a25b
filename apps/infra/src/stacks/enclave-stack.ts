import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Lazy, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import type { DeploySettings } from '../config/deploy-settings';
import { type Naming, naming } from '../config/naming';
import { HttpApi } from '../constructs/api/http-api';
import { EnclaveTables } from '../constructs/data/enclave-tables';
import { BucketNotifications } from '../constructs/functions/bucket-notifications';
import { ServiceFunctions } from '../constructs/functions/service-functions';
import { SharedKey } from '../constructs/keys/shared-key';
import { FilesBucket } from '../constructs/storage/files-bucket';
import { PortalHosting } from '../constructs/web/portal-hosting';

export interface EnclaveStackProps {
  settings: DeploySettings;
  /** The Nx workspace whose dist/ holds the built bundles and portal; the current directory. */
  workspaceRoot?: string;
}

/** One deployment of Enclave in one AWS account and region: everything `npm run deploy` makes. */
export class EnclaveStack extends TerraformStack {
  readonly names: Naming;

  constructor(scope: Construct, id: string, props: EnclaveStackProps) {
    super(scope, id);
    const { settings } = props;
    const root = props.workspaceRoot ?? process.cwd();
    const names = naming(settings.stage);
    this.names = names;
    new AwsProvider(this, 'aws', {
      region: settings.region,
      defaultTags: [{ tags: { ...names.tags } }],
    });

    const sharedKey =
      settings.kms_mode === 'shared' ? new SharedKey(this, 'shared-key', { names }) : undefined;
    const { tables } = new EnclaveTables(this, 'tables', { names });
    // The portal names the API and the files bucket in its CSP, and both answer CORS for the
    // portal's origin; so the portal names them by pattern and by their known host, not by
    // reference, or each would wait for the other.
    const filesBucketHost = `${settings.files_bucket_name}.s3.${settings.region}.amazonaws.com`;
    const apiDomain = settings.api_domain
      ? { domainName: settings.api_domain, hostedZone: settings.hosted_zone as string }
      : undefined;
    // The API is made after the portal (it answers CORS for the portal's origin); the portal's
    // index.html names its URL, resolved when the stack is synthesized.
    const made: { apiUrl?: string } = {};
    const portal = new PortalHosting(this, 'portal', {
      naming: names,
      apiUrl: Lazy.stringValue({
        produce: () => {
          if (!made.apiUrl) throw new Error('the HTTP API was not made');
          return made.apiUrl;
        },
      }),
      apiCspSource: apiDomain
        ? `https://${apiDomain.domainName}`
        : `https://*.execute-api.${settings.region}.amazonaws.com`,
      authEndpoint: settings.auth_endpoint,
      filesBucketRegionalDomain: filesBucketHost,
      buildFolder: join(root, 'dist/apps/web/browser'),
      domain: settings.portal_domain
        ? { domainName: settings.portal_domain, hostedZone: settings.hosted_zone as string }
        : undefined,
    });
    const corsOrigins = [...new Set([portal.url, ...settings.allowed_origins])];

    const files = new FilesBucket(this, 'files', {
      names,
      bucketName: settings.files_bucket_name,
      kmsMode: settings.kms_mode,
      sharedKeyArn: sharedKey?.keyArn,
      allowedOrigins: corsOrigins,
    });
    const functions = new ServiceFunctions(this, 'functions', {
      names,
      settings,
      bucket: { name: files.bucketName, arn: files.bucketArn },
      tables: {
        files: { name: tables.files.name, arn: tables.files.arn },
        shares: { name: tables.shares.name, arn: tables.shares.arn },
        keys: { name: tables.keys.name, arn: tables.keys.arn },
      },
      sharedKeyArn: sharedKey?.keyArn,
      shareLinkBase: portal.url,
      corsOrigins,
      workspaceRoot: root,
    });
    new BucketNotifications(this, 'notifications', {
      bucket: files.bucketName,
      functions: functions.notified,
    });
    const httpApi = new HttpApi(this, 'api', {
      names,
      services: new Map(
        [...functions.services].map(([service, fn]) => [
          service,
          { functionName: fn.lambda.functionName, functionArn: fn.lambda.arn },
        ]),
      ),
      corsOrigins,
      domain: apiDomain,
    });
    made.apiUrl = httpApi.url;

    new TerraformOutput(this, 'api-url', { value: httpApi.url }).overrideLogicalId('api_url');
    new TerraformOutput(this, 'files-bucket', { value: files.bucketName }).overrideLogicalId(
      'files_bucket',
    );
    new TerraformOutput(this, 'tables-output', {
      value: { files: tables.files.name, shares: tables.shares.name, keys: tables.keys.name },
    }).overrideLogicalId('tables');
  }
}
