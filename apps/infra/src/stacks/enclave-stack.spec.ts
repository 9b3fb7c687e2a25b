import { PORTAL_META, SERVICES } from '@enclave/service-registry';
import { Testing } from 'cdktf';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { testSettings } from '../constructs/functions/service-functions.fixture';
import { invokeInFreshNode } from '../testing/invoke-in-fresh-node.fixture';
import type { DeploySettings } from '../config/deploy-settings';
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

function synthesize(
  kmsMode: 's3' | 'shared' | 'per_user',
  more: Partial<DeploySettings> = {},
): Synthesized {
  const settings = { ...testSettings(kmsMode), ...more };
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

describe('EnclaveStack with custom domains for the API and the portal', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize('s3', {
      api_domain: 'api.files.example.com',
      portal_domain: 'files.example.com',
      hosted_zone: 'example.com',
    });
  });
  const headersPolicy = () =>
    JSON.stringify(Object.values(synth.resource['aws_cloudfront_response_headers_policy'] ?? {}));

  it('has no reference cycle', () => {
    expect(referenceCycles(synth)).toEqual([]);
  });

  it('gives both names as the outputs, and the portal the API’s name', () => {
    expect(synth.output['api_url']).toEqual({ value: 'https://api.files.example.com' });
    expect(synth.output['portal_url']).toEqual({ value: 'https://files.example.com' });
    const index = Object.values(synth.resource['aws_s3_object'] ?? {}).find(
      (object) => object['key'] === 'index.html',
    );
    expect(String(index?.['content'])).toContain(
      `<meta name="${PORTAL_META.fileUrl}" content="https://api.files.example.com">`,
    );
  });

  it('lets the portal call the API by its name only, not every execute-api host', () => {
    expect(headersPolicy()).toContain('https://api.files.example.com');
    expect(headersPolicy()).not.toContain('execute-api');
  });

  it('makes a certificate per name: the portal’s in us-east-1, the API’s in its own region', () => {
    const certificates = Object.values(synth.resource['aws_acm_certificate'] ?? {});
    expect(
      certificates
        .map((c) => `${String(c['domain_name'])} ${String(c['region'] ?? 'stack')}`)
        .sort(),
    ).toEqual(['api.files.example.com stack', 'files.example.com us-east-1']);
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

  // A client's aggregated class (S3, DynamoDB, KMS…) imports every command the service has; it
  // comes in whenever a `require` reaches the package, and costs a cold start tens of ms.
  it.each(SERVICES.map((service) => service.bundles.lambda))(
    '%s carries only the AWS SDK commands it imports: no aggregated client, no CommonJS build',
    (bundle) => {
      const map = JSON.parse(readFileSync(join(ROOT, `${bundle}.map`), 'utf8')) as {
        sources: string[];
      };
      const sdkSources = map.sources.filter((source) => source.includes('/@aws-sdk/client-'));
      expect(sdkSources.length).toBeGreaterThan(0);
      const wholeClients = sdkSources.filter(
        (source) =>
          source.includes('/dist-cjs/') ||
          /\/dist-es\/[A-Z][A-Za-z0-9]*(?<!Client)\.js$/.test(source),
      );
      expect(wholeClients).toEqual([]);
    },
  );
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
