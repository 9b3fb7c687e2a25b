import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import {
  S3BucketServerSideEncryptionConfigurationA,
  type S3BucketServerSideEncryptionConfigurationRuleA,
} from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { Construct } from 'constructs';

export interface PrivateBucketProps {
  /** Exactly one: a fixed name (the operator's), or a prefix S3-unique names are made from. */
  bucket?: string;
  bucketPrefix?: string;
  /** Default encryption; SSE-S3 unless told. */
  encryption?: S3BucketServerSideEncryptionConfigurationRuleA;
  tags?: Readonly<Record<string, string>>;
}

/** The bucket-policy statement that refuses every request to a bucket not made over TLS. */
export function denyInsecureTransport(bucketArn: string): DataAwsIamPolicyDocumentStatement {
  return {
    sid: 'DenyInsecureTransport',
    effect: 'Deny',
    principals: [{ type: '*', identifiers: ['*'] }],
    actions: ['s3:*'],
    resources: [bucketArn, `${bucketArn}/*`],
    condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
  };
}

/**
 * A bucket nobody outside the account reaches except as its own policy allows: every public
 * access path blocked, ACLs off (the bucket owner owns every object, whoever wrote it), encrypted
 * by default, and emptied by destroy so a teardown leaves nothing behind. Its policy is the
 * caller's: S3 holds one per bucket, and the files bucket and the portal's want different ones.
 */
export class PrivateBucket extends Construct {
  readonly bucket: S3Bucket;
  /** Policies wait for it: S3 answers OperationAborted when both change at once. */
  readonly publicAccessBlock: S3BucketPublicAccessBlock;

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucket,
      bucketPrefix: props.bucketPrefix,
      // Destroy removes every object with the bucket: nothing is left behind to pay for.
      forceDestroy: true,
      tags: props.tags ? { ...props.tags } : undefined,
    });
    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [
        props.encryption ?? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    });
  }
}
