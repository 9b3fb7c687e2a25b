import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { localS3Client } from './clients';

export interface EnsureBucketOptions {
  endpoint: string;
  bucket: string;
  /** Origins allowed to PUT/GET/HEAD objects directly from a browser (presigned URLs). */
  corsOrigins: string[];
}

/**
 * Creates the bucket if it is missing and (re)writes its CORS configuration, so running it on
 * every start is safe. ETag is exposed because browsers must read it after each multipart part.
 */
export async function ensureBucket({
  endpoint,
  bucket,
  corsOrigins,
}: EnsureBucketOptions): Promise<void> {
  const s3 = localS3Client(endpoint);
  try {
    if (!(await bucketExists(s3, bucket))) {
      try {
        await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      } catch (error) {
        // Someone else created it between the check and now: that is the state we wanted.
        if (!(error instanceof S3ServiceException && error.name.startsWith('BucketAlready')))
          throw error;
      }
    }
    // No origins, no browser access: S3 refuses an empty CORS rule set.
    if (corsOrigins.length === 0) return;
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: bucket,
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedOrigins: corsOrigins,
              AllowedMethods: ['GET', 'PUT', 'HEAD'],
              AllowedHeaders: ['*'],
              ExposeHeaders: ['ETag'],
              MaxAgeSeconds: 3000,
            },
          ],
        },
      }),
    );
  } finally {
    s3.destroy();
  }
}

async function bucketExists(
  s3: ReturnType<typeof localS3Client>,
  bucket: string,
): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return false;
    throw error;
  }
}
