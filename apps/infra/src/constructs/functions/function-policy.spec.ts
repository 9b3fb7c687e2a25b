import type { DeploySettings } from '../../config/deploy-settings';
import { functionsProps, type PolicyStatement, synthFunctions } from './service-functions.fixture';

type KmsMode = DeploySettings['kms_mode'];
const MODES: readonly KmsMode[] = ['s3', 'shared', 'per_user'];

/** Each function's role policy statements, by its resource part, as synthesized. */
function policies(mode: KmsMode): Map<string, PolicyStatement[]> {
  const { synth, functions } = synthFunctions(functionsProps(mode));
  const all = [...functions.services.values(), ...functions.jobs, ...functions.eventHandlers];
  const documents = synth.data.aws_iam_policy_document;
  return new Map(
    all.map((fn) => [
      fn.name.replace('enclave-test-', ''),
      documents[fn.policy.friendlyUniqueId]?.statement ?? [],
    ]),
  );
}

const actionsOf = (statements: PolicyStatement[] = []) =>
  statements.flatMap((s) => s.actions ?? []);

describe('each function role grants only what its code calls', () => {
  const byMode = new Map(MODES.map((mode) => [mode, policies(mode)]));
  const uploads = (mode: KmsMode) => byMode.get(mode)?.get('uploads');
  const sharing = (mode: KmsMode) => byMode.get(mode)?.get('sharing');
  const keys = (mode: KmsMode) => byMode.get(mode)?.get('keys');

  it('has a policy for every function', () => {
    for (const mode of MODES) {
      expect([...(byMode.get(mode)?.keys() ?? [])].sort()).toEqual([
        'keys',
        'sharing',
        'uploads',
        'uploads-object-created',
        'uploads-sweep',
      ]);
    }
  });

  it('grants no wildcard action, and a "*" resource only for kms:CreateKey (scoped by tag)', () => {
    const everyStatement = [...byMode].flatMap(([mode, roles]) =>
      [...roles].flatMap(([part, statements]) => statements.map((s) => ({ mode, part, ...s }))),
    );
    const actions = everyStatement.flatMap(({ mode, part, actions = [] }) =>
      actions.map((action) => ({ mode, part, action })),
    );
    expect(actions.filter(({ action }) => !/^[a-z0-9]+:[A-Za-z]+$/.test(action))).toEqual([]);
    const anyResource = everyStatement.filter((s) => s.resources?.includes('*'));
    // Only per_user mode makes keys: uploads and keys do, in that mode alone.
    expect(anyResource.map(({ mode, part }) => `${mode} ${part}`).sort()).toEqual([
      'per_user keys',
      'per_user uploads',
    ]);
    for (const statement of anyResource) {
      expect(statement.actions).toEqual(['kms:CreateKey', 'kms:TagResource']);
      expect(statement.condition).toContainEqual({
        test: 'StringEquals',
        variable: 'aws:RequestTag/enclave:stage',
        values: ['test'],
      });
    }
  });

  it('lets sharing never make a key and uploads never send mail', () => {
    for (const mode of MODES) {
      expect(actionsOf(sharing(mode))).not.toContain('kms:CreateKey');
      expect(actionsOf(sharing(mode))).not.toContain('kms:CreateAlias');
      expect(actionsOf(uploads(mode))).not.toContain('ses:SendEmail');
      expect(actionsOf(keys(mode))).not.toContain('ses:SendEmail');
    }
  });

  it('grants no KMS action at all in s3 mode', () => {
    for (const statements of byMode.get('s3')?.values() ?? []) {
      expect(actionsOf(statements).filter((action) => action.startsWith('kms:'))).toEqual([]);
    }
  });

  it('in shared mode, lets the signers use the one key and nothing else of KMS', () => {
    const kmsOf = (statements?: PolicyStatement[]) =>
      (statements ?? []).filter((s) => s.actions?.some((a) => a.startsWith('kms:')));
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/shared-key';
    expect(kmsOf(uploads('shared'))).toEqual([
      expect.objectContaining({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [key],
      }),
    ]);
    expect(kmsOf(sharing('shared'))).toEqual([
      expect.objectContaining({ actions: ['kms:Decrypt'], resources: [key] }),
    ]);
    expect(kmsOf(keys('shared'))).toEqual([]);
  });

  it('in per_user mode, scopes key making by tag and alias prefix, and key use by tag', () => {
    const statements = uploads('per_user') ?? [];
    const sid = (name: string) => statements.find((s) => s.sid === name);
    expect(sid('CreateStageAliases')?.resources).toEqual([
      expect.stringMatching(/:alias\/enclave\/test\/user\/\*$/),
    ]);
    for (const name of ['StageKeys', 'AliasStageKeys']) {
      expect(sid(name)?.resources).toEqual([expect.stringMatching(/:key\/\*$/)]);
      expect(sid(name)?.condition).toEqual([
        { test: 'StringEquals', variable: 'aws:ResourceTag/enclave:stage', values: ['test'] },
      ]);
    }
    expect(sid('StageKeys')?.actions).toEqual(
      expect.arrayContaining(['kms:GenerateDataKey', 'kms:Decrypt', 'kms:DescribeKey']),
    );
    expect(sid('StageKeys')?.actions).not.toContain('kms:DisableKey');
    // Only the keys service crypto-shreds.
    expect(keys('per_user')?.find((s) => s.sid === 'StageKeys')?.actions).toContain(
      'kms:DisableKey',
    );
    expect(actionsOf(sharing('per_user')).filter((a) => a.startsWith('kms:'))).toEqual([
      'kms:Decrypt',
    ]);
  });

  it('lets each function reach only its own tables, with only the actions it uses', () => {
    const tables = (statements?: PolicyStatement[]) =>
      Object.fromEntries(
        (statements ?? [])
          .filter((s) => s.sid?.startsWith('Table'))
          .map((s) => [s.sid, { actions: s.actions, resources: s.resources }]),
      );
    const table = (name: string) =>
      `arn:aws:dynamodb:eu-west-1:123456789012:table/enclave-test-${name}`;
    expect(tables(sharing('per_user'))).toEqual({
      TableFiles: { actions: ['dynamodb:GetItem'], resources: [table('files')] },
      TableShares: {
        actions: [
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:Query',
        ],
        resources: [table('shares'), `${table('shares')}/index/*`],
      },
    });
    expect(Object.keys(tables(uploads('per_user')))).toEqual([
      'TableFiles',
      'TableShares',
      'TableKeys',
    ]);
    // The keys table holds per-user keys' rows: nobody reads it in the other modes.
    expect(Object.keys(tables(uploads('s3')))).toEqual(['TableFiles', 'TableShares']);
    expect(Object.keys(tables(keys('shared')))).toEqual(['TableFiles', 'TableShares']);
    expect(tables(byMode.get('s3')?.get('uploads-object-created'))).toEqual({
      TableFiles: { actions: ['dynamodb:GetItem'], resources: [table('files')] },
    });
    expect(actionsOf(byMode.get('s3')?.get('uploads-sweep'))).toContain('dynamodb:Scan');
    // The sweep finds its work through the files table's sweep_work index.
    expect(tables(byMode.get('s3')?.get('uploads-sweep'))['TableFiles']?.resources).toEqual([
      table('files'),
      `${table('files')}/index/*`,
    ]);
    expect(actionsOf(uploads('s3'))).not.toContain('dynamodb:Scan');
  });

  it('grants object actions on the bucket objects only, and ListBucket only to the sweep', () => {
    const s3 = (part: string) =>
      (byMode.get('s3')?.get(part) ?? [])
        .filter((s) => s.actions?.some((a) => a.startsWith('s3:')))
        .map((s) => ({ actions: s.actions, resources: s.resources }));
    const objects = ['arn:aws:s3:::acme-enclave-files/*'];
    expect(s3('sharing')).toEqual([{ actions: ['s3:GetObject'], resources: objects }]);
    expect(s3('keys')).toEqual([
      { actions: ['s3:DeleteObject', 's3:AbortMultipartUpload'], resources: objects },
    ]);
    expect(s3('uploads')).toEqual([
      {
        actions: [
          's3:PutObject',
          's3:GetObject',
          's3:DeleteObject',
          's3:AbortMultipartUpload',
          's3:ListMultipartUploadParts',
        ],
        resources: objects,
      },
    ]);
    expect(s3('uploads-sweep')).toContainEqual({
      actions: ['s3:ListBucket'],
      resources: ['arn:aws:s3:::acme-enclave-files'],
    });
  });

  it('lets sharing send mail only from the configured sender', () => {
    const send = sharing('s3')?.find((s) => s.actions?.includes('ses:SendEmail'));
    expect(send?.actions).toEqual(['ses:SendEmail']);
    expect(send?.resources).toEqual([
      expect.stringMatching(/:ses:eu-west-1:.*:identity\/files@example\.com$/),
      expect.stringMatching(/:ses:eu-west-1:.*:identity\/example\.com$/),
    ]);
    expect(send?.condition).toEqual([
      { test: 'StringEquals', variable: 'ses:FromAddress', values: ['files@example.com'] },
    ]);
  });

  it('writes logs only to the function’s own log group', () => {
    for (const statements of byMode.get('s3')?.values() ?? []) {
      const logs = statements.filter((s) => s.actions?.some((a) => a.startsWith('logs:')));
      expect(logs).toEqual([
        expect.objectContaining({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..+\.arn\}:\*$/)],
        }),
      ]);
    }
  });
});
