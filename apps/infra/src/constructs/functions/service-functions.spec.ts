import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { Testing } from 'cdktf';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BucketNotifications } from './bucket-notifications';
import { rateExpression } from './scheduled-job';
import { ServiceFunctions } from './service-functions';
import { builtWorkspace, functionsProps, synthFunctions } from './service-functions.fixture';

interface SynthLambda {
  function_name: string;
  handler: string;
  runtime: string;
  architectures: string[];
  memory_size: number;
  timeout: number;
  environment: { variables: Record<string, string> };
}

function lambdasOf(synth: { resource: Record<string, Record<string, unknown>> }) {
  const all = Object.values(synth.resource['aws_lambda_function'] ?? {}) as SynthLambda[];
  return new Map(all.map((fn) => [fn.function_name, fn]));
}

describe('ServiceFunctions', () => {
  const { json, synth } = synthFunctions(functionsProps('per_user'));
  const lambdas = lambdasOf(synth);

  it('makes one Lambda per service, job and event handler, on Node 22 and arm64', () => {
    expect([...lambdas.keys()].sort()).toEqual([
      'enclave-test-keys',
      'enclave-test-sharing',
      'enclave-test-uploads',
      'enclave-test-uploads-object-created',
      'enclave-test-uploads-sweep',
    ]);
    for (const fn of lambdas.values()) {
      expect(fn.runtime).toBe('nodejs22.x');
      expect(fn.architectures).toEqual(['arm64']);
    }
    expect(lambdas.get('enclave-test-uploads')?.handler).toBe('lambda.handler');
    expect(lambdas.get('enclave-test-uploads-sweep')?.handler).toBe('sweep.handler');
    expect(lambdas.get('enclave-test-uploads-object-created')?.handler).toBe(
      'object-created.handler',
    );
  });

  it('sizes each function by what it does', () => {
    expect(lambdas.get('enclave-test-sharing')).toMatchObject({ memory_size: 1024, timeout: 29 });
    expect(lambdas.get('enclave-test-uploads-sweep')).toMatchObject({ timeout: 900 });
  });

  it('gives each function its own log group, with a retention', () => {
    for (const name of lambdas.keys()) {
      expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
        name: `/aws/lambda/${name}`,
        retention_in_days: 30,
      });
    }
  });

  it('passes each service its settings, and never credentials or endpoints', () => {
    for (const fn of lambdas.values()) {
      const names = Object.keys(fn.environment.variables);
      expect(names.filter((name) => /^AWS_|ENDPOINT$/.test(name))).toEqual(['AUTH_ENDPOINT']);
    }
    expect(lambdas.get('enclave-test-uploads')?.environment.variables).toMatchObject({
      S3_BUCKET: 'acme-enclave-files',
      FILES_TABLE: 'enclave-test-files',
      SHARES_TABLE: 'enclave-test-shares',
      KEYS_TABLE: 'enclave-test-keys',
      KMS_MODE: 'per_user',
      ENCLAVE_STAGE: 'test',
      AUTH_ENDPOINT: 'https://auth.example.com',
      CORS_ORIGINS: 'https://files.example.com',
    });
    expect(lambdas.get('enclave-test-sharing')?.environment.variables).toMatchObject({
      SES_FROM_ADDRESS: 'files@example.com',
      SHARE_LINK_BASE: 'https://files.example.com',
    });
    expect(lambdas.get('enclave-test-sharing')?.environment.variables).not.toHaveProperty(
      'KMS_MODE',
    );
  });

  it('names the shared key to the services that encrypt, in shared mode', () => {
    const shared = lambdasOf(synthFunctions(functionsProps('shared')).synth);
    expect(shared.get('enclave-test-uploads')?.environment.variables).toMatchObject({
      KMS_MODE: 'shared',
      KMS_SHARED_KEY_ID: 'arn:aws:kms:eu-west-1:123456789012:key/shared-key',
    });
  });

  it('runs the sweep on the schedule the registry gives it', () => {
    expect(json).toHaveResourceWithProperties(CloudwatchEventRule, {
      name: 'enclave-test-uploads-sweep',
      schedule_expression: 'rate(1 hour)',
    });
    expect(json).toHaveResourceWithProperties(LambdaPermission, {
      principal: 'events.amazonaws.com',
    });
    expect(rateExpression(60)).toBe('rate(1 minute)');
    expect(rateExpression(900)).toBe('rate(15 minutes)');
    expect(rateExpression(2 * 86400)).toBe('rate(2 days)');
    expect(() => rateExpression(90)).toThrow(/whole number of minutes/);
  });

  it('lets only the files bucket invoke the object-created handler, and subscribes it', () => {
    expect(json).toHaveResourceWithProperties(LambdaPermission, {
      principal: 's3.amazonaws.com',
      source_arn: 'arn:aws:s3:::acme-enclave-files',
    });
    const notifications = Testing.synthScope((scope) => {
      const functions = new ServiceFunctions(scope, 'functions', functionsProps('s3'));
      new BucketNotifications(scope, 'notifications', {
        bucket: 'acme-enclave-files',
        functions: functions.notified,
      });
    });
    expect(notifications).toHaveResourceWithProperties(S3BucketNotification, {
      bucket: 'acme-enclave-files',
      lambda_function: [expect.objectContaining({ events: ['s3:ObjectCreated:*'] })],
    });
  });

  it('refuses to synthesize without the bundle, naming the build that makes it', () => {
    const root = builtWorkspace();
    rmSync(join(root, 'dist/apps/sharing-api/lambda.js'));
    expect(() => synthFunctions(functionsProps('s3', root))).toThrow(
      'dist/apps/sharing-api/lambda.js is missing: run `npx nx run sharing-api:build` before synth',
    );
  });

  it('packages the bundle alone, without its neighbours or source maps', () => {
    const root = builtWorkspace();
    const { json: built } = synthFunctions(functionsProps('s3', root));
    expect(built).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'enclave-test-uploads-sweep',
      filename: expect.stringMatching(/\.zip$/),
    });
    const staged = join(root, 'dist/lambda-artifacts/enclave-test-uploads-sweep');
    expect(readdirSync(staged)).toEqual(['sweep.js']);
  });

  it('refuses shared mode without the shared key', () => {
    expect(() => synthFunctions({ ...functionsProps('shared'), sharedKeyArn: undefined })).toThrow(
      /needs sharedKeyArn/,
    );
  });
});
