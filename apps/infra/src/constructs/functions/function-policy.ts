import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { DeploySettings } from '../../config/deploy-settings';
import type { FunctionGrants, TableName } from './function-grants';

/** Where the grants point: this deployment's resources, by ARN. */
export interface PolicyTargets {
  kmsMode: DeploySettings['kms_mode'];
  stage: string;
  partition: string;
  region: string;
  accountId: string;
  logGroupArn: string;
  bucketArn: string;
  tableArns: Readonly<Record<TableName, string>>;
  /** The shared key, in `shared` mode. */
  sharedKeyArn?: string;
  /** The SES identities the sender may be verified as (the address, or its domain). */
  senderIdentityArns: readonly string[];
  senderAddress: string;
}

type Statement = DataAwsIamPolicyDocumentStatement;

/** The statements of one function's role policy: its grants, on this deployment's resources. */
export function policyStatements(grants: FunctionGrants, to: PolicyTargets): Statement[] {
  return [
    // Its own log group only; the group exists already, so no logs:CreateLogGroup.
    {
      sid: 'OwnLogs',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [`${to.logGroupArn}:*`],
    },
    ...tableStatements(grants, to),
    ...bucketStatements(grants, to),
    ...kmsStatements(grants, to),
    ...(grants.sendEmail ? [sendEmailStatement(to)] : []),
  ];
}

function tableStatements(grants: FunctionGrants, to: PolicyTargets): Statement[] {
  return Object.entries(grants.tables).flatMap(([table, grant]) => {
    if (grant.modes && !grant.modes.includes(to.kmsMode)) return [];
    const arn = to.tableArns[table as TableName];
    return [
      {
        sid: `Table${capitalized(table)}`,
        actions: grant.actions.map((action) => `dynamodb:${action}`),
        resources: grant.indexes ? [arn, `${arn}/index/*`] : [arn],
      },
    ];
  });
}

function bucketStatements(grants: FunctionGrants, to: PolicyTargets): Statement[] {
  const statements: Statement[] = [];
  if (grants.objects.length) {
    statements.push({
      sid: 'BucketObjects',
      actions: grants.objects.map((action) => `s3:${action}`),
      resources: [`${to.bucketArn}/*`],
    });
  }
  if (grants.listBucket) {
    statements.push({ sid: 'ListBucket', actions: ['s3:ListBucket'], resources: [to.bucketArn] });
  }
  return statements;
}

function kmsStatements(grants: FunctionGrants, to: PolicyTargets): Statement[] {
  const { kms } = grants;
  const dataKey = [
    ...(kms.encrypt ? ['kms:GenerateDataKey'] : []),
    ...(kms.decrypt ? ['kms:Decrypt'] : []),
  ];
  // SSE-S3 needs no KMS at all.
  if (to.kmsMode === 's3') return [];
  if (to.kmsMode === 'shared') {
    if (!to.sharedKeyArn) throw new Error('kms_mode "shared" needs the shared key ARN');
    // Shared mode gives no user a key of their own: nothing to make or shred.
    return dataKey.length
      ? [{ sid: 'SharedKey', actions: dataKey, resources: [to.sharedKeyArn] }]
      : [];
  }
  const keyArns = `arn:${to.partition}:kms:${to.region}:${to.accountId}:key/*`;
  // Only this stage's per-user keys: CreateKey tags each with enclave:stage.
  const ownStage = [
    { test: 'StringEquals', variable: 'aws:ResourceTag/enclave:stage', values: [to.stage] },
  ];
  const onOwnKeys = [
    ...dataKey,
    ...(kms.makeKeys || kms.shredKeys ? ['kms:DescribeKey', 'kms:ScheduleKeyDeletion'] : []),
    ...(kms.shredKeys ? ['kms:DisableKey'] : []),
  ];
  const statements: Statement[] = [];
  if (onOwnKeys.length) {
    statements.push({
      sid: 'StageKeys',
      actions: onOwnKeys,
      resources: [keyArns],
      condition: ownStage,
    });
  }
  if (kms.makeKeys) statements.push(...makeKeyStatements(to, keyArns, ownStage));
  return statements;
}

function makeKeyStatements(
  to: PolicyTargets,
  keyArns: string,
  ownStage: Statement['condition'],
): Statement[] {
  return [
    {
      sid: 'CreateStageKeys',
      // CreateKey acts on no existing key, so AWS accepts no resource ARN but "*"; the request's
      // tags scope it instead: the key must carry this stage's tag and only Enclave's tag keys.
      // Tagging at creation needs kms:TagResource under the same condition.
      actions: ['kms:CreateKey', 'kms:TagResource'],
      resources: ['*'],
      condition: [
        { test: 'StringEquals', variable: 'aws:RequestTag/enclave:stage', values: [to.stage] },
        {
          test: 'ForAllValues:StringEquals',
          variable: 'aws:TagKeys',
          values: ['enclave:stage', 'enclave:user_id'],
        },
      ],
    },
    // CreateAlias is authorized on the alias and on its target key: both are scoped.
    {
      sid: 'CreateStageAliases',
      actions: ['kms:CreateAlias'],
      resources: [
        `arn:${to.partition}:kms:${to.region}:${to.accountId}:alias/enclave/${to.stage}/user/*`,
      ],
    },
    {
      sid: 'AliasStageKeys',
      actions: ['kms:CreateAlias'],
      resources: [keyArns],
      condition: ownStage,
    },
  ];
}

function sendEmailStatement(to: PolicyTargets): Statement {
  return {
    sid: 'SendFromSender',
    actions: ['ses:SendEmail'],
    resources: [...to.senderIdentityArns],
    condition: [{ test: 'StringEquals', variable: 'ses:FromAddress', values: [to.senderAddress] }],
  };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
