import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { Testing } from 'cdktf';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { naming } from '../../config/naming';
import { PortalHosting, type PortalHostingProps } from './portal-hosting';

// A build folder shaped like Angular's: index.html with the critical-CSS onload handler,
// hashed chunks, an unhashed favicon, and a nested folder.
let buildFolder: string;
beforeAll(() => {
  buildFolder = mkdtempSync(join(tmpdir(), 'portal-build-'));
  writeFileSync(
    join(buildFolder, 'index.html'),
    '<html><head><style>a::after{content:"${x} %{y}"}</style><link rel="stylesheet" href="styles-AQBRID4A.css" media="print" onload="this.media=\'all\'"></head><body></body></html>',
  );
  writeFileSync(join(buildFolder, 'main-TMXIT22A.js'), 'console.log(1)');
  writeFileSync(join(buildFolder, 'styles-AQBRID4A.css'), 'body{}');
  writeFileSync(join(buildFolder, 'favicon.ico'), 'ico');
  mkdirSync(join(buildFolder, 'media'));
  writeFileSync(join(buildFolder, 'media', 'font-ABCDEFGH.woff2'), 'font');
});
afterAll(() => rmSync(buildFolder, { recursive: true, force: true }));

const props = (): PortalHostingProps => ({
  naming: naming('test'),
  apiUrl: 'https://api.example.com',
  authEndpoint: 'https://auth.example.com/v1/',
  filesBucketRegionalDomain: 'acme-files.s3.eu-west-1.amazonaws.com',
  buildFolder,
});

interface Synth {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data: Record<string, Record<string, Record<string, unknown>>>;
  output: Record<string, { value: string }>;
}

const synthesize = (overrides: Partial<PortalHostingProps> = {}) =>
  Testing.synthScope((scope) => new PortalHosting(scope, 'portal', { ...props(), ...overrides }));
const parsed = (overrides: Partial<PortalHostingProps> = {}): Synth =>
  JSON.parse(synthesize(overrides)) as Synth;
const only = (group: Record<string, Record<string, unknown>> | undefined) => {
  const values = Object.values(group ?? {});
  expect(values).toHaveLength(1);
  return values[0] as Record<string, unknown>;
};

describe('PortalHosting', () => {
  it('keeps the bucket private: all public access blocked, owner-enforced, destroyable', () => {
    const synth = synthesize();
    expect(synth).toHaveResourceWithProperties(S3Bucket, {
      bucket_prefix: 'enclave-test-portal-',
      force_destroy: true,
    });
    expect(synth).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const ownership = only(parsed().resource['aws_s3_bucket_ownership_controls']);
    expect(ownership['rule']).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  it('reads the bucket through an origin access control that always signs with SigV4', () => {
    const synth = parsed();
    expect(only(synth.resource['aws_cloudfront_origin_access_control'])).toMatchObject({
      origin_access_control_origin_type: 's3',
      signing_behavior: 'always',
      signing_protocol: 'sigv4',
    });
    const distribution = only(synth.resource['aws_cloudfront_distribution']);
    expect(distribution['origin']).toEqual([
      {
        origin_id: 'portal-bucket',
        domain_name: expect.stringMatching(
          /^\$\{aws_s3_bucket\..+\.bucket_regional_domain_name\}$/,
        ),
        origin_access_control_id: expect.stringMatching(
          /^\$\{aws_cloudfront_origin_access_control\..+\.id\}$/,
        ),
      },
    ]);
  });

  it('lets only this distribution read the bucket, and only over TLS', () => {
    const document = only(parsed().data['aws_iam_policy_document']);
    const [allow, deny] = document['statement'] as Record<string, unknown>[];
    expect(allow).toEqual({
      sid: 'ReadByThePortalDistribution',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['cloudfront.amazonaws.com'] }],
      actions: ['s3:GetObject'],
      resources: [expect.stringMatching(/^\$\{aws_s3_bucket\..+\.arn\}\/\*$/)],
      condition: [
        {
          test: 'StringEquals',
          variable: 'AWS:SourceArn',
          values: [expect.stringMatching(/^\$\{aws_cloudfront_distribution\..+\.arn\}$/)],
        },
      ],
    });
    expect(deny).toMatchObject({
      effect: 'Deny',
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
    const policy = only(parsed().resource['aws_s3_bucket_policy']);
    expect(policy['policy']).toMatch(/^\$\{data\.aws_iam_policy_document\..+\.json\}$/);
  });

  it('serves index.html at the root and for every unknown path, over HTTPS only', () => {
    const synth = synthesize();
    expect(synth).toHaveResourceWithProperties(CloudfrontDistribution, {
      default_root_object: 'index.html',
      custom_error_response: [
        {
          error_code: 403,
          response_code: 200,
          response_page_path: '/index.html',
          error_caching_min_ttl: 0,
        },
        {
          error_code: 404,
          response_code: 200,
          response_page_path: '/index.html',
          error_caching_min_ttl: 0,
        },
      ],
      default_cache_behavior: expect.objectContaining({
        viewer_protocol_policy: 'redirect-to-https',
        allowed_methods: ['GET', 'HEAD'],
      }),
      viewer_certificate: { cloudfront_default_certificate: true },
    });
  });

  it('sends the security headers, with a CSP naming exactly the hosts the portal calls', () => {
    const policy = only(parsed().resource['aws_cloudfront_response_headers_policy']);
    const headers = policy['security_headers_config'] as Record<string, Record<string, unknown>>;
    expect(headers['strict_transport_security']).toEqual({
      access_control_max_age_sec: 63072000,
      include_subdomains: true,
      override: true,
    });
    expect(headers['content_type_options']).toEqual({ override: true });
    expect(headers['frame_options']).toEqual({ frame_option: 'DENY', override: true });
    expect(headers['referrer_policy']).toEqual({ referrer_policy: 'no-referrer', override: true });
    const csp = String(headers['content_security_policy']?.['content_security_policy']);
    const directives = Object.fromEntries(
      csp.split('; ').map((directive) => {
        const [name, ...values] = directive.split(' ');
        return [name, values];
      }),
    );
    // The one inline handler the build has, by its hash: sha256 of "this.media='all'".
    expect(directives['script-src']).toEqual([
      "'self'",
      "'unsafe-hashes'",
      "'sha256-MhtPZXr7+LpJUY5qtMutB+qWfQtMaPccfe7QXtCcEYc='",
    ]);
    expect(directives['connect-src']).toEqual([
      "'self'",
      'https://api.example.com',
      'https://auth.example.com',
      'https://acme-files.s3.eu-west-1.amazonaws.com',
    ]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    const distribution = only(parsed().resource['aws_cloudfront_distribution']);
    expect(distribution['default_cache_behavior']).toMatchObject({
      response_headers_policy_id: expect.stringMatching(
        /^\$\{aws_cloudfront_response_headers_policy\..+\.id\}$/,
      ),
    });
  });

  it('uploads every built file with its type and caching, hashed ones immutable', () => {
    const objects = Object.values(parsed().resource['aws_s3_object'] ?? {});
    const byKey = new Map(objects.map((object) => [object['key'], object]));
    expect([...byKey.keys()].sort()).toEqual([
      'favicon.ico',
      'index.html',
      'main-TMXIT22A.js',
      'media/font-ABCDEFGH.woff2',
      'styles-AQBRID4A.css',
    ]);
    expect(byKey.get('main-TMXIT22A.js')).toMatchObject({
      content_type: 'text/javascript; charset=utf-8',
      cache_control: 'public, max-age=31536000, immutable',
      source: expect.stringMatching(/\/main-TMXIT22A\.js$/),
      etag: expect.stringMatching(/^\$\{filemd5\(".*\/main-TMXIT22A\.js"\)\}$/),
    });
    expect(byKey.get('favicon.ico')).toMatchObject({
      content_type: 'image/x-icon',
      cache_control: 'no-cache',
    });
    expect(byKey.get('media/font-ABCDEFGH.woff2')).toMatchObject({ content_type: 'font/woff2' });
  });

  it("uploads index.html, uncached, carrying this deployment's API and auth addresses", () => {
    const objects = Object.values(parsed().resource['aws_s3_object'] ?? {});
    const index = objects.find((object) => object['key'] === 'index.html');
    expect(index).toMatchObject({
      content_type: 'text/html; charset=utf-8',
      cache_control: 'no-cache',
    });
    // The page's own `${` and `%{` escaped, so Terraform uploads them as they are.
    expect(index?.['content']).toContain('content:"$${x} %%{y}"');
    expect(index?.['content']).toContain(
      '<meta name="enclave-auth-url" content="https://auth.example.com/v1/">' +
        '<meta name="enclave-file-url" content="https://api.example.com"></head>',
    );
  });

  it('puts out the portal URL and the distribution id', () => {
    const { output } = parsed();
    expect(output['portal_url']?.value).toMatch(
      /^https:\/\/\$\{aws_cloudfront_distribution\..+\.domain_name\}$/,
    );
    expect(output['portal_distribution_id']?.value).toMatch(
      /^\$\{aws_cloudfront_distribution\..+\.id\}$/,
    );
  });

  it('refuses to synthesize without a built portal', () => {
    expect(() => synthesize({ buildFolder: join(buildFolder, 'missing') })).toThrow(
      /index\.html: not found \(build the portal first/,
    );
  });

  it('with a custom domain: a us-east-1 certificate validated in the zone, TLS 1.2, alias records', () => {
    const synth = parsed({
      domain: { domainName: 'files.example.com', hostedZone: 'example.com' },
    });
    expect(only(synth.resource['aws_acm_certificate'])).toMatchObject({
      region: 'us-east-1',
      domain_name: 'files.example.com',
      validation_method: 'DNS',
    });
    expect(only(synth.resource['aws_acm_certificate_validation'])).toMatchObject({
      region: 'us-east-1',
    });
    const distribution = only(synth.resource['aws_cloudfront_distribution']);
    expect(distribution['aliases']).toEqual(['files.example.com']);
    expect(distribution['viewer_certificate']).toEqual({
      acm_certificate_arn: expect.stringMatching(
        /^\$\{aws_acm_certificate_validation\..+\.certificate_arn\}$/,
      ),
      ssl_support_method: 'sni-only',
      minimum_protocol_version: 'TLSv1.2_2021',
    });
    const records = Object.values(synth.resource['aws_route53_record'] ?? {});
    const aliases = records.filter((record) => record['alias']);
    expect(aliases.map((record) => record['type']).sort()).toEqual(['A', 'AAAA']);
    for (const record of aliases)
      expect(record).toMatchObject({
        name: 'files.example.com',
        alias: {
          name: expect.stringMatching(/aws_cloudfront_distribution\..+\.domain_name/),
          zone_id: expect.stringMatching(/aws_cloudfront_distribution\..+\.hosted_zone_id/),
          evaluate_target_health: false,
        },
      });
    expect(synth.output['portal_url']?.value).toBe('https://files.example.com');
  });
});
