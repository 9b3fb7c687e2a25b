import { SERVICES } from '@enclave/service-registry';
import { Testing } from 'cdktf';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseDeploySettings, type DeploySettings } from '../../config/deploy-settings';
import { naming } from '../../config/naming';
import { ServiceFunctions, type ServiceFunctionsProps } from './service-functions';

/** Every bundle the registry names, written into a fresh workspace (a stand-in for `nx build`). */
export function builtWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'enclave-infra-'));
  const bundles = SERVICES.flatMap((s) => [
    s.bundles.lambda,
    ...s.jobs.map((j) => j.bundle),
    ...s.eventHandlers.map((h) => h.bundle),
  ]);
  for (const bundle of bundles) {
    mkdirSync(dirname(join(root, bundle)), { recursive: true });
    writeFileSync(join(root, bundle), `exports.handler = async () => '${bundle}';\n`);
    // What else a real build leaves beside it, which no package should carry.
    writeFileSync(join(root, `${bundle}.map`), '{}');
  }
  return root;
}

export function testSettings(kmsMode: DeploySettings['kms_mode']): DeploySettings {
  return parseDeploySettings({
    stage: 'test',
    region: 'eu-west-1',
    auth_endpoint: 'https://auth.example.com',
    files_bucket_name: 'acme-enclave-files',
    sender_email: 'files@example.com',
    allowed_origins: ['https://files.example.com'],
    kms_mode: kmsMode,
  });
}

export function functionsProps(
  kmsMode: DeploySettings['kms_mode'],
  workspaceRoot = builtWorkspace(),
): ServiceFunctionsProps {
  const arn = (name: string) => `arn:aws:dynamodb:eu-west-1:123456789012:table/${name}`;
  return {
    names: naming('test'),
    settings: testSettings(kmsMode),
    bucket: { name: 'acme-enclave-files', arn: 'arn:aws:s3:::acme-enclave-files' },
    tables: {
      files: { name: 'enclave-test-files', arn: arn('enclave-test-files') },
      shares: { name: 'enclave-test-shares', arn: arn('enclave-test-shares') },
      keys: { name: 'enclave-test-keys', arn: arn('enclave-test-keys') },
    },
    sharedKeyArn:
      kmsMode === 'shared' ? 'arn:aws:kms:eu-west-1:123456789012:key/shared-key' : undefined,
    shareLinkBase: 'https://files.example.com',
    corsOrigins: ['https://files.example.com'],
    workspaceRoot,
  };
}

/** A synthesized stack holding ServiceFunctions, and the construct itself to find ids by. */
export function synthFunctions(props: ServiceFunctionsProps) {
  let functions: ServiceFunctions | undefined;
  const json = Testing.synthScope((scope) => {
    functions = new ServiceFunctions(scope, 'functions', props);
  });
  if (!functions) throw new Error('synthScope did not build the functions');
  return { json, synth: JSON.parse(json) as Synthesized, functions };
}

export interface PolicyStatement {
  sid?: string;
  actions?: string[];
  resources?: string[];
  condition?: { test: string; variable: string; values: string[] }[];
}

export interface Synthesized {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data: { aws_iam_policy_document: Record<string, { statement: PolicyStatement[] }> };
}
