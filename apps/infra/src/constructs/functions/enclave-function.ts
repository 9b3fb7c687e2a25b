import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Construct } from 'constructs';
import type { Naming } from '../../config/naming';
import { functionArtifact } from './function-artifact';
import type { FunctionGrants } from './function-grants';
import { type PolicyTargets, policyStatements } from './function-policy';
import { sizingOf } from './function-sizing';

export interface EnclaveFunctionProps {
  names: Naming;
  /** Its resource part: the function is `enclave-{stage}-{part}` (sizing and grants by part). */
  part: string;
  /** The bundle Nx built and its project, from the workspace root. */
  bundle: string;
  project: string;
  workspaceRoot: string;
  environment: Readonly<Record<string, string>>;
  grants: FunctionGrants;
  /** This deployment's resources the grants point at (its own log group is added here). */
  targets: Omit<PolicyTargets, 'logGroupArn'>;
  logRetentionDays: number;
}

/**
 * One Lambda of Enclave: the bundle Nx built, on Node 22 on Graviton, with its own log group and
 * a role that may do only what its code calls.
 */
export class EnclaveFunction extends Construct {
  readonly name: string;
  readonly lambda: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;
  /** The role's policy document (its statements are what the specs assert on). */
  readonly policy: DataAwsIamPolicyDocument;

  constructor(scope: Construct, id: string, props: EnclaveFunctionProps) {
    super(scope, id);
    this.name = props.names.resource(props.part);
    const artifact = functionArtifact(this, 'artifact', {
      workspaceRoot: props.workspaceRoot,
      bundle: props.bundle,
      project: props.project,
      functionName: this.name,
    });
    // Made here, not by Lambda on first write, so it has a retention and destroy removes it.
    this.logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/lambda/${this.name}`,
      retentionInDays: props.logRetentionDays,
    });
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [
        {
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }],
        },
      ],
    });
    this.role = new IamRole(this, 'role', {
      name: this.name,
      assumeRolePolicy: trust.json,
    });
    this.policy = new DataAwsIamPolicyDocument(this, 'policy', {
      statement: policyStatements(props.grants, {
        ...props.targets,
        logGroupArn: this.logGroup.arn,
      }),
    });
    const rolePolicy = new IamRolePolicy(this, 'role-policy', {
      name: this.name,
      role: this.role.id,
      policy: this.policy.json,
    });
    const { memoryMb, timeoutSeconds } = sizingOf(props.part);
    this.lambda = new LambdaFunction(this, 'function', {
      functionName: this.name,
      role: this.role.arn,
      filename: artifact.asset.path,
      sourceCodeHash: artifact.asset.assetHash,
      handler: artifact.handler,
      runtime: 'nodejs22.x',
      // Graviton: cheaper per GB-second, and the bundles are plain JavaScript.
      architectures: ['arm64'],
      memorySize: memoryMb,
      timeout: timeoutSeconds,
      environment: { variables: { ...props.environment } },
      // Its first cold start must find the group and the grants in place.
      dependsOn: [this.logGroup, rolePolicy],
    });
  }
}
