import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { Testing } from 'cdktf';
import { naming } from '../../config/naming';
import { FilesBucket, type FilesBucketProps, type KmsMode } from './files-bucket';

const SHARED_KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/shared';
const ORIGINS = ['https://files.example.com', 'https://portal.example.com'];

interface Statement {
  effect?: string;
  actions?: string[];
  resources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  condition?: { test: string; variable: string; values: string[] }[];
}

/** The synthesized Terraform JSON of one FilesBucket, parsed. */
interface BucketSynth {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data: { aws_iam_policy_document: Record<string, { statement: Statement[] }> };
}

function synthBucket(overrides: Partial<FilesBucketProps> & { kmsMode: KmsMode }) {
  const text = Testing.synthScope((scope) => {
    new FilesBucket(scope, 'files', {
      names: naming('test'),
      bucketName: 'acme-enclave-files',
      sharedKeyArn: overrides.kmsMode === 'shared' ? SHARED_KEY_ARN : undefined,
      allowedOrigins: ORIGINS,
      ...overrides,
    });
  });
  return { text, json: JSON.parse(text) as BucketSynth };
}

/** The one resource of a type (failing when there is not exactly one). */
function only(json: BucketSynth, type: string): Record<string, unknown> {
  const all = Object.values(json.resource[type] ?? {});
  expect(all).toHaveLength(1);
  return all[0] as Record<string, unknown>;
}

const MODES: readonly KmsMode[] = ['s3', 'shared', 'per_user'];

/** The default encryption rule each mode asks for: per_user's uploads name the user's key themselves. */
const EXPECTED_ENCRYPTION: Record<KmsMode, unknown> = {
  s3: { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
  shared: {
    apply_server_side_encryption_by_default: {
      sse_algorithm: 'aws:kms',
      kms_master_key_id: SHARED_KEY_ARN,
    },
    bucket_key_enabled: true,
  },
  per_user: { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
};

describe.each(MODES)('FilesBucket, kms_mode %s', (kmsMode) => {
  const { text, json } = synthBucket({ kmsMode });

  it('blocks every kind of public access and turns ACLs off', () => {
    expect(text).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(text).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  it('encrypts by default as the mode says', () => {
    const rules = only(json, 'aws_s3_bucket_server_side_encryption_configuration')['rule'];
    expect(rules).toEqual([EXPECTED_ENCRYPTION[kmsMode]]);
  });

  it('aborts incomplete multipart uploads after one day, bucket-wide', () => {
    const rules = only(json, 'aws_s3_bucket_lifecycle_configuration')['rule'];
    expect(rules).toEqual([
      expect.objectContaining({
        status: 'Enabled',
        filter: [{}],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }],
      }),
    ]);
  });

  it('answers CORS for the allowed origins with the headers a presigned PUT carries', () => {
    const [rule] = only(json, 'aws_s3_bucket_cors_configuration')['cors_rule'] as {
      allowed_origins: string[];
      allowed_methods: string[];
      allowed_headers: string[];
      expose_headers: string[];
    }[];
    expect(rule?.allowed_origins).toEqual(ORIGINS);
    expect([...(rule?.allowed_methods ?? [])].sort()).toEqual(['GET', 'HEAD', 'PUT']);
    // Exactly these, and no wildcard: libs/storage's signed headers, checksums, content-md5.
    expect([...(rule?.allowed_headers ?? [])].sort()).toEqual([
      'content-md5',
      'content-type',
      'if-none-match',
      'x-amz-checksum-sha256',
      'x-amz-sdk-checksum-algorithm',
      'x-amz-server-side-encryption',
      'x-amz-server-side-encryption-aws-kms-key-id',
    ]);
    expect(rule?.expose_headers).toEqual(['ETag']);
  });

  it('denies every request not made over TLS, on the bucket and its objects', () => {
    const policy = only(json, 'aws_s3_bucket_policy');
    const documentId = /data\.aws_iam_policy_document\.([\w-]+)\.json/.exec(
      String(policy['policy']),
    )?.[1];
    const statements = json.data.aws_iam_policy_document[documentId ?? '']?.statement ?? [];
    expect(statements).toContainEqual(
      expect.objectContaining({
        effect: 'Deny',
        principals: [{ type: '*', identifiers: ['*'] }],
        actions: ['s3:*'],
        resources: expect.arrayContaining([
          expect.stringMatching(/^\$\{aws_s3_bucket\.[\w-]+\.arn\}$/),
          expect.stringMatching(/^\$\{aws_s3_bucket\.[\w-]+\.arn\}\/\*$/),
        ]),
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      }),
    );
  });

  it('is emptied and removed by destroy: force_destroy, no prevent_destroy', () => {
    expect(text).toHaveResourceWithProperties(S3Bucket, {
      bucket: 'acme-enclave-files',
      force_destroy: true,
    });
    expect(text).not.toContain('prevent_destroy');
  });
});

describe('FilesBucket', () => {
  it("refuses kms_mode 'shared' without the shared key", () => {
    expect(() => synthBucket({ kmsMode: 'shared', sharedKeyArn: undefined })).toThrow(/shared key/);
  });

  it('declares no CORS when no origin may call it (S3 refuses an empty rule)', () => {
    const { json } = synthBucket({ kmsMode: 's3', allowedOrigins: [] });
    expect(json.resource['aws_s3_bucket_cors_configuration']).toBeUndefined();
  });
});
