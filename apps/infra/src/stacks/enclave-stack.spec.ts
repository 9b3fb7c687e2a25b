import { SERVICES } from '@enclave/service-registry';
import { Testing } from 'cdktf';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { testSettings } from '../constructs/functions/service-functions.fixture';
import { invokeInFreshNode } from '../testing/invoke-in-fresh-node.fixture';
import { referenceCycles } from '../testing/reference-cycles';
import { EnclaveStack } from './enclave-stack';

// The whole stack over the bundles and the portal Nx built (the test target depends on those
// builds), as `npm run deploy` synthesizes it: no AWS credentials, no terraform binary.
const ROOT = join(__dirname, '../../../..');

interface Synthesized {
  provider: { aws: { region: string; default_tags: { tags: Record<string, string> }[] }[] };
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, unknown>;
}

function synthesize(kmsMode: 's3' | 'shared' | 'per_user'): Synthesized {
  const settings = testSettings(kmsMode);
  const stack = new EnclaveStack(Testing.app(), 'enclave-test', { settings, workspaceRoot: ROOT });
  return JSON.parse(Testing.synth(stack)) as Synthesized;
}

describe.each(['s3', 'shared', 'per_user'] as const)('EnclaveStack with kms_mode %s', (mode) => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize(mode);
  });

  it('synthesizes in the settings region, tagging everything with its stage', () => {
    expect(synth.provider.aws[0]?.region).toBe('eu-west-1');
    expect(synth.provider.aws[0]?.default_tags[0]?.tags).toEqual({
      'enclave:stage': 'test',
      'managed-by': 'cdktf',
    });
  });

  it('has no reference cycle, which Terraform would refuse at plan', () => {
    expect(referenceCycles(synth)).toEqual([]);
  });

  it('makes one function per service, job and event handler, and the outputs a user needs', () => {
    const functions = Object.values(synth.resource['aws_lambda_function'] ?? {}).map(
      (fn) => fn['function_name'],
    );
    expect(functions.sort()).toEqual(
      [
        ...SERVICES.map((service) => `enclave-test-${service.name}`),
        ...SERVICES.flatMap((service) =>
          [...service.jobs, ...service.eventHandlers].map(
            (part) => `enclave-test-${service.name}-${part.name}`,
          ),
        ),
      ].sort(),
    );
    expect(Object.keys(synth.output).sort()).toEqual(
      ['api_url', 'files_bucket', 'portal_distribution_id', 'portal_url', 'tables'].sort(),
    );
  });

  it('makes the shared key only in shared mode', () => {
    expect(Object.keys(synth.resource['aws_kms_key'] ?? {})).toHaveLength(
      mode === 'shared' ? 1 : 0,
    );
  });

  it('answers CORS for the portal and the allowed origins, at the bucket and the API', () => {
    const [cors] = Object.values(synth.resource['aws_s3_bucket_cors_configuration'] ?? {});
    const origins = JSON.stringify(cors);
    expect(origins).toContain('https://files.example.com');
    expect(origins).toContain('aws_cloudfront_distribution');
    const [api] = Object.values(synth.resource['aws_apigatewayv2_api'] ?? {});
    expect(JSON.stringify(api?.['cors_configuration'])).toContain('https://files.example.com');
  });

  it('protects nothing from destroy', () => {
    expect(JSON.stringify(synth)).not.toContain('prevent_destroy');
  });
});

describe('the Lambda bundles the stack deploys', () => {
  it.each(
    SERVICES.flatMap((service) => [
      service.bundles.lambda,
      ...service.jobs.map((job) => job.bundle),
      ...service.eventHandlers.map((handler) => handler.bundle),
    ]),
  )('%s exists and is under 5 MB', (bundle) => {
    expect(statSync(join(ROOT, bundle)).size).toBeLessThan(5 * 1024 * 1024);
  });
});

describe('each service Lambda, with exactly the environment the stack gives it', () => {
  let functions: Record<string, unknown>[] = [];
  beforeAll(() => {
    functions = Object.values(synthesize('per_user').resource['aws_lambda_function'] ?? {});
  });
  // What exists only once applied (ARNs, names of generated resources) stands in as a plausible
  // value of the same kind; Lambda itself adds AWS_REGION.
  const applied = (name: string, value: string) =>
    !value.includes('${')
      ? value
      : /(BASE|ENDPOINT|URL)$/.test(name)
        ? 'https://applied.example.test'
        : name === 'CORS_ORIGINS'
          ? 'https://applied.example.test'
          : 'applied-value';

  it.each(SERVICES.map((service) => [service.name, service] as const))(
    '%s loads in a fresh node process and answers GET /health with 200',
    async (_name, service) => {
      const fn = functions.find((f) => f['function_name'] === `enclave-test-${service.name}`);
      const variables = (fn?.['environment'] as { variables: Record<string, string> }).variables;
      const env = Object.fromEntries(
        Object.entries(variables).map(([name, value]) => [name, applied(name, value)]),
      );
      const answer = await invokeInFreshNode(join(ROOT, service.bundles.lambda), {
        ...env,
        AWS_REGION: 'eu-west-1',
      });
      expect(answer.statusCode).toBe(200);
    },
  );
});
