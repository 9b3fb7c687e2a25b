import { CloudfrontCachePolicy } from '@cdktf/provider-aws/lib/cloudfront-cache-policy';
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { CloudfrontResponseHeadersPolicy } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { PORTAL_META, withMetaTags } from '@enclave/service-registry';
import { AssetType, Fn, TerraformAsset, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Naming } from '../../config/naming';
import { CustomDomain } from '../dns/custom-domain';
import { denyInsecureTransport, PrivateBucket } from '../storage/private-bucket';
import { buildFiles, contentTypeOf, REVALIDATE } from './build-files';
import { contentSecurityPolicy } from './content-security-policy';

export interface PortalHostingProps {
  naming: Naming;
  /** The Enclave API's base URL (the HTTP API's endpoint, or its custom domain). */
  apiUrl: string;
  /**
   * The API as the portal's CSP names it, when that must differ from `apiUrl`: the API answers
   * CORS for the portal's origin, so naming the API's own endpoint here would make each wait for
   * the other (a cycle Terraform refuses). Defaults to `apiUrl`.
   */
  apiCspSource?: string;
  /** The auth microservice's base URL (`auth_endpoint`). */
  authEndpoint: string;
  /** The files bucket's regional host (`bucket_regional_domain_name`): presigned URLs use it. */
  filesBucketRegionalDomain: string;
  /** The built portal (`dist/apps/web/browser`): index.html and its hashed assets. */
  buildFolder: string;
  /** A custom name for the portal; without it the portal answers on its cloudfront.net name. */
  domain?: { domainName: string; hostedZone: string };
}

// CloudFront takes certificates from us-east-1 only, wherever the rest of the stack runs.
const CLOUDFRONT_CERTIFICATE_REGION = 'us-east-1';

const ORIGIN_ID = 'portal-bucket';

// Terraform reads `${` and `%{` in any string as a template, so the built page's own text is
// escaped to reach S3 as it is; the meta tags go in after, so their references still resolve.
const literalForTerraform = (text: string): string =>
  text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
const INDEX = 'index.html';
// Two years, with subdomains: what the HSTS preload list asks for.
const HSTS_MAX_AGE_SECONDS = 63_072_000;

/**
 * The web portal: its built files in a private bucket that only this CloudFront distribution can
 * read (origin access control, requests signed with SigV4), served over HTTPS with security
 * headers, and every unknown path answered with the app itself so its routes (`/s/{token}`) load.
 */
export class PortalHosting extends Construct {
  readonly bucket: S3Bucket;
  readonly distribution: CloudfrontDistribution;
  /** The portal's address: its custom domain, or the distribution's own name. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PortalHostingProps) {
    super(scope, id);
    const indexPath = join(props.buildFolder, INDEX);
    if (!existsSync(indexPath))
      throw new Error(`${indexPath}: not found (build the portal first: npx nx run web:build)`);
    const builtIndex = readFileSync(indexPath, 'utf8');

    // A generated suffix: bucket names are global, and the portal's has no setting of its own.
    const storage = new PrivateBucket(this, 'storage', {
      bucketPrefix: props.naming.resource('portal-'),
    });
    this.bucket = storage.bucket;

    const accessControl = new CloudfrontOriginAccessControl(this, 'origin-access-control', {
      name: props.naming.resource('portal'),
      description: 'CloudFront reads the portal bucket, signing every request',
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    const domain =
      props.domain &&
      new CustomDomain(this, 'domain', {
        ...props.domain,
        certificateRegion: CLOUDFRONT_CERTIFICATE_REGION,
      });

    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      comment: props.naming.resource('portal'),
      enabled: true,
      isIpv6Enabled: true,
      httpVersion: 'http2and3',
      // North America and Europe edges: the cheapest class; every viewer is still served.
      priceClass: 'PriceClass_100',
      defaultRootObject: INDEX,
      aliases: props.domain && [props.domain.domainName],
      origin: [
        {
          originId: ORIGIN_ID,
          domainName: this.bucket.bucketRegionalDomainName,
          originAccessControlId: accessControl.id,
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: ORIGIN_ID,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD'],
        cachedMethods: ['GET', 'HEAD'],
        compress: true,
        cachePolicyId: this.cachePolicy(props.naming).id,
        responseHeadersPolicyId: this.headersPolicy(props, builtIndex).id,
      },
      // The bucket answers 403 for a key it lacks (CloudFront may not list it) and 404 otherwise;
      // either way the path is one of the app's routes, so the app answers it. Not cached, so a
      // deploy's new index.html is what the next such path gets.
      customErrorResponse: [403, 404].map((errorCode) => ({
        errorCode,
        responseCode: 200,
        responsePagePath: `/${INDEX}`,
        errorCachingMinTtl: 0,
      })),
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: domain
        ? {
            acmCertificateArn: domain.certificateArn,
            sslSupportMethod: 'sni-only',
            minimumProtocolVersion: 'TLSv1.2_2021',
          }
        : { cloudfrontDefaultCertificate: true },
    });
    domain?.aliasTo(this.distribution);
    this.url = `https://${props.domain?.domainName ?? this.distribution.domainName}`;

    this.allowOnlyTheDistribution(storage);
    this.upload(props, builtIndex);

    new TerraformOutput(this, 'portal-url', { value: this.url }).overrideLogicalId('portal_url');
    new TerraformOutput(this, 'distribution-id', {
      value: this.distribution.id,
    }).overrideLogicalId('portal_distribution_id');
  }

  /**
   * TTLs bounded by what each object's Cache-Control says (see build-files.ts): hashed assets a
   * year, index.html revalidated every time (min TTL 0, so `no-cache` is honoured).
   */
  private cachePolicy(naming: Naming): CloudfrontCachePolicy {
    return new CloudfrontCachePolicy(this, 'cache-policy', {
      name: naming.resource('portal'),
      minTtl: 0,
      defaultTtl: 86_400,
      maxTtl: 31_536_000,
      parametersInCacheKeyAndForwardedToOrigin: {
        cookiesConfig: { cookieBehavior: 'none' },
        headersConfig: { headerBehavior: 'none' },
        queryStringsConfig: { queryStringBehavior: 'none' },
        enableAcceptEncodingGzip: true,
        enableAcceptEncodingBrotli: true,
      },
    });
  }

  private headersPolicy(props: PortalHostingProps, builtIndex: string) {
    return new CloudfrontResponseHeadersPolicy(this, 'security-headers', {
      name: props.naming.resource('portal-security'),
      securityHeadersConfig: {
        strictTransportSecurity: {
          accessControlMaxAgeSec: HSTS_MAX_AGE_SECONDS,
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: 'DENY', override: true },
        // Share links carry their token in the path: no page may hand it on as a Referer.
        referrerPolicy: { referrerPolicy: 'no-referrer', override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(
            { ...props, apiUrl: props.apiCspSource ?? props.apiUrl },
            builtIndex,
          ),
          override: true,
        },
      },
    });
  }

  /** Reads by this distribution only (its ARN as the source), and only over TLS. */
  private allowOnlyTheDistribution(storage: PrivateBucket): void {
    const policy = new DataAwsIamPolicyDocument(this, 'bucket-policy-document', {
      statement: [
        {
          sid: 'ReadByThePortalDistribution',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['cloudfront.amazonaws.com'] }],
          actions: ['s3:GetObject'],
          resources: [`${this.bucket.arn}/*`],
          condition: [
            { test: 'StringEquals', variable: 'AWS:SourceArn', values: [this.distribution.arn] },
          ],
        },
        denyInsecureTransport(this.bucket.arn),
      ],
    });
    new S3BucketPolicy(this, 'bucket-policy', {
      bucket: this.bucket.id,
      policy: policy.json,
      // S3 answers OperationAborted when the policy and the public access block change at once.
      dependsOn: [storage.publicAccessBlock],
    });
  }

  /**
   * One object per built file, with its type and caching; the synthesized stack carries a copy of
   * the build (a Terraform asset), so `cdktf deploy` needs nothing but its output folder. The
   * etag makes a rebuilt file an update. index.html goes up with this deployment's addresses in
   * its meta tags, which the portal reads at start.
   */
  private upload(props: PortalHostingProps, builtIndex: string): void {
    const build = new TerraformAsset(this, 'build', {
      path: resolve(props.buildFolder),
      type: AssetType.DIRECTORY,
    });
    for (const file of buildFiles(props.buildFolder)) {
      if (file.key === INDEX) continue;
      const source = `${build.path}/${file.key}`;
      // Construct ids may not hold `/`; keys of nested folders do.
      new S3Object(this, `file-${file.key.replaceAll('/', '__')}`, {
        bucket: this.bucket.id,
        key: file.key,
        source,
        etag: Fn.filemd5(source),
        contentType: file.contentType,
        cacheControl: file.cacheControl,
      });
    }
    new S3Object(this, 'index', {
      bucket: this.bucket.id,
      key: INDEX,
      content: withMetaTags(literalForTerraform(builtIndex), {
        [PORTAL_META.authUrl]: props.authEndpoint,
        [PORTAL_META.fileUrl]: props.apiUrl,
      }),
      contentType: contentTypeOf(INDEX),
      cacheControl: REVALIDATE,
    });
  }
}
