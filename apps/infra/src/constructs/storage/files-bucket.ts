import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import type { S3BucketServerSideEncryptionConfigurationRuleA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { Construct } from 'constructs';
import type { DeploySettings } from '../../config/deploy-settings';
import type { Naming } from '../../config/naming';
import { denyInsecureTransport, PrivateBucket } from './private-bucket';

export type KmsMode = DeploySettings['kms_mode'];

export interface FilesBucketProps {
  names: Naming;
  /** The settings' files_bucket_name: S3 names are global, so the operator picks it. */
  bucketName: string;
  kmsMode: KmsMode;
  /** The shared key's ARN (the shared-key construct); required when `kmsMode` is `shared`. */
  sharedKeyArn?: string;
  /** Browser origins that PUT and GET through presigned URLs: the allowed ones and the portal's. */
  allowedOrigins: readonly string[];
}

/**
 * The headers a browser's PUT to a presigned URL carries, which its CORS preflight must allow:
 * what libs/storage signs in (presignPut, presignPart: Content-Type, If-None-Match, the SSE pair,
 * the SHA-256 checksum) and libs/upload-client sends as told, plus the checksum headers the SDK
 * may add and Content-MD5, so a client that integrity-checks its parts is not refused either.
 */
export const UPLOAD_HEADERS = [
  'content-type',
  'content-md5',
  'if-none-match',
  'x-amz-server-side-encryption',
  'x-amz-server-side-encryption-aws-kms-key-id',
  'x-amz-checksum-sha256',
  'x-amz-sdk-checksum-algorithm',
] as const;

/** Days S3 keeps the parts of a multipart upload nobody completed: they are billed until then. */
const ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS = 1;

/**
 * The default encryption per kms_mode. `s3`: SSE-S3. `shared`: SSE-KMS with the shared key, and
 * an S3 bucket key so each object does not cost a KMS call. `per_user`: the uploads service names
 * the user's key on every upload it starts (signed SSE headers on a single PUT, the parameters of
 * CreateMultipartUpload otherwise), so the choice is made per request; the bucket's default only
 * covers objects written without them, and SSE-S3 is the one default that needs no user's key.
 */
function encryptionRule(
  kmsMode: KmsMode,
  sharedKeyArn: string | undefined,
): S3BucketServerSideEncryptionConfigurationRuleA {
  if (kmsMode !== 'shared')
    return { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } };
  if (!sharedKeyArn) throw new Error("FilesBucket: kms_mode 'shared' needs the shared key's ARN");
  return {
    applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: sharedKeyArn },
    bucketKeyEnabled: true,
  };
}

/**
 * The bucket users' files live in: private to the account (only presigned URLs the services sign
 * reach it), encrypted as kms_mode says, TLS only, and emptied by destroy.
 */
export class FilesBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketId: string;
  readonly bucketArn: string;
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: FilesBucketProps) {
    super(scope, id);
    const storage = new PrivateBucket(this, 'storage', {
      bucket: props.bucketName,
      encryption: encryptionRule(props.kmsMode, props.sharedKeyArn),
      tags: props.names.tags,
    });
    this.bucket = storage.bucket;
    this.bucketId = this.bucket.id;
    this.bucketArn = this.bucket.arn;
    this.bucketName = this.bucket.bucket;

    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'abort-incomplete-multipart-uploads',
          status: 'Enabled',
          // An empty filter: the rule covers the whole bucket.
          filter: [{}],
          abortIncompleteMultipartUpload: [
            { daysAfterInitiation: ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS },
          ],
        },
      ],
    });
    // S3 refuses a CORS configuration without origins; with none, no browser uploads here.
    if (props.allowedOrigins.length > 0) {
      new S3BucketCorsConfiguration(this, 'cors', {
        bucket: this.bucket.id,
        corsRule: [
          {
            allowedOrigins: [...props.allowedOrigins],
            allowedMethods: ['PUT', 'GET', 'HEAD'],
            allowedHeaders: [...UPLOAD_HEADERS],
            // The client reads each part's ETag to complete a multipart upload.
            exposeHeaders: ['ETag'],
            maxAgeSeconds: 3600,
          },
        ],
      });
    }
    const tlsOnly = new DataAwsIamPolicyDocument(this, 'tls-only', {
      statement: [denyInsecureTransport(this.bucket.arn)],
    });
    new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: tlsOnly.json,
      dependsOn: [storage.publicAccessBlock],
    });
  }
}
