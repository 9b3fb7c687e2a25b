import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import type { EnclaveService } from '@enclave/api-contract';
import {
  type RegisteredService,
  SERVICES,
  serviceEnv,
  type StackResources,
} from '@enclave/service-registry';
import { Construct } from 'constructs';
import type { DeploySettings } from '../../config/deploy-settings';
import type { Naming } from '../../config/naming';
import type { NotifiedFunction } from './bucket-notifications';
import { EnclaveFunction } from './enclave-function';
import { grantsOf, type TableName } from './function-grants';
import type { PolicyTargets } from './function-policy';
import { ScheduledJob } from './scheduled-job';

export interface NamedResource {
  name: string;
  arn: string;
}

export interface ServiceFunctionsProps {
  names: Naming;
  settings: DeploySettings;
  /** The files bucket (from the storage construct). */
  bucket: NamedResource;
  /** The files, shares and keys tables (from the data construct). */
  tables: Readonly<Record<TableName, NamedResource>>;
  /** The shared key's ARN; required when `kms_mode` is `shared`. */
  sharedKeyArn?: string;
  /** Where share links point: the portal's URL (its public page is `/s/{token}`). */
  shareLinkBase: string;
  /** Origins the services answer CORS for: the allowed origins and the portal's own. */
  corsOrigins: readonly string[];
  /** Where the Nx workspace (and its dist/) is; the current directory unless told. */
  workspaceRoot?: string;
  logRetentionDays?: number;
  logLevel?: string;
}

/**
 * One Lambda per registered service (libs/service-registry), one per scheduled job and one per
 * bucket event handler, each with its own log group and least-privilege role.
 */
export class ServiceFunctions extends Construct {
  /** The service's HTTP function, by the `x-enclave-service` name the API routes to. */
  readonly services = new Map<EnclaveService, EnclaveFunction>();
  readonly jobs: EnclaveFunction[] = [];
  readonly eventHandlers: EnclaveFunction[] = [];
  /** The event handlers with the permission S3 needs: hand these to BucketNotifications. */
  readonly notified: NotifiedFunction[] = [];

  constructor(scope: Construct, id: string, props: ServiceFunctionsProps) {
    super(scope, id);
    const { settings } = props;
    if (settings.kms_mode === 'shared' && !props.sharedKeyArn) {
      throw new Error('kms_mode "shared" needs sharedKeyArn (the key the KMS construct makes)');
    }
    const account = new DataAwsCallerIdentity(this, 'account');
    const partition = new DataAwsPartition(this, 'partition');
    const targets: Omit<PolicyTargets, 'logGroupArn'> = {
      kmsMode: settings.kms_mode,
      stage: props.names.stage,
      partition: partition.partition,
      region: settings.region,
      accountId: account.accountId,
      bucketArn: props.bucket.arn,
      tableArns: {
        files: props.tables.files.arn,
        shares: props.tables.shares.arn,
        keys: props.tables.keys.arn,
      },
      sharedKeyArn: props.sharedKeyArn,
      // SES authorizes a send on the identity it was verified as: the address or its domain.
      senderIdentityArns: [settings.sender_email, settings.sender_email.split('@')[1]].map(
        (identity) =>
          `arn:${partition.partition}:ses:${settings.region}:${account.accountId}:identity/${identity}`,
      ),
      senderAddress: settings.sender_email,
    };
    const common = {
      names: props.names,
      workspaceRoot: props.workspaceRoot ?? process.cwd(),
      targets,
      logRetentionDays: props.logRetentionDays ?? 30,
    };
    for (const service of SERVICES) {
      const environment = lambdaEnvironment(service, props);
      const make = (part: string, bundle: string) =>
        new EnclaveFunction(this, part, {
          ...common,
          part,
          bundle,
          project: service.project,
          environment,
          grants: grantsOf(part),
        });
      this.services.set(service.name, make(service.name, service.bundles.lambda));
      for (const job of service.jobs) {
        const fn = make(`${service.name}-${job.name}`, job.bundle);
        new ScheduledJob(this, `${service.name}-${job.name}-schedule`, {
          name: fn.name,
          functionName: fn.lambda.functionName,
          functionArn: fn.lambda.arn,
          everySeconds: job.everySeconds,
        });
        this.jobs.push(fn);
      }
      for (const handler of service.eventHandlers) {
        const fn = make(`${service.name}-${handler.name}`, handler.bundle);
        // Only the files bucket, in this account (bucket names are global), may invoke it.
        const permission = new LambdaPermission(this, `${service.name}-${handler.name}-s3`, {
          functionName: fn.lambda.functionName,
          action: 'lambda:InvokeFunction',
          principal: 's3.amazonaws.com',
          sourceArn: props.bucket.arn,
          sourceAccount: account.accountId,
        });
        this.eventHandlers.push(fn);
        this.notified.push({ functionArn: fn.lambda.arn, events: handler.events, permission });
      }
    }
  }
}

/**
 * What the service reads (libs/config), built by the registry's own serviceEnv so Lambda and
 * devstack agree. No endpoints and no credentials: on AWS the SDK finds both itself, from the
 * role. AWS_REGION is left out because Lambda sets it and refuses it as a variable.
 */
function lambdaEnvironment(
  service: RegisteredService,
  props: ServiceFunctionsProps,
): Record<string, string> {
  const { settings } = props;
  const stack: StackResources = {
    region: settings.region,
    endpoints: {},
    bucket: props.bucket.name,
    tables: {
      files: props.tables.files.name,
      shares: props.tables.shares.name,
      keys: props.tables.keys.name,
    },
    encryption: { kmsMode: settings.kms_mode, sharedKeyId: props.sharedKeyArn },
    stage: props.names.stage,
    shareLinkBase: props.shareLinkBase,
    authEndpoint: settings.auth_endpoint,
    logLevel: props.logLevel ?? 'info',
    corsOrigins: props.corsOrigins,
  };
  const env = Object.fromEntries(
    Object.entries(serviceEnv(service, stack)).filter(([name]) => name !== 'AWS_REGION'),
  );
  // The sender the sharing service's mails come from; its role may send from it alone.
  return service.name === 'sharing' ? { ...env, SES_FROM_ADDRESS: settings.sender_email } : env;
}
