import { authFragment, awsFragment, httpFragment, loadConfig, seconds } from '@enclave/config';
import { z } from 'zod';

export const uploadsConfigSchema = z.object({
  ...httpFragment,
  ...awsFragment,
  ...authFragment,
  S3_BUCKET: z.string().min(3),
  FILES_TABLE: z.string().min(1).default('enclave-files'),
  /** How long a presigned upload URL works. */
  UPLOAD_URL_EXPIRES_SECONDS: seconds(900).pipe(z.number().max(7 * 24 * 3600)),
  /** How long a presigned download URL works. */
  DOWNLOAD_URL_EXPIRES_SECONDS: seconds(3600).pipe(z.number().max(7 * 24 * 3600)),
  /** An upload not completed within this time is abandoned. */
  UPLOAD_TTL_SECONDS: seconds(7 * 24 * 3600),
  /** How long a deleted file's tombstone keeps repeated deletes idempotent. */
  DELETED_RETENTION_SECONDS: seconds(30 * 24 * 3600),
});

export type UploadsConfig = z.infer<typeof uploadsConfigSchema>;

export function loadUploadsConfig(
  env: Record<string, string | undefined> = process.env,
): UploadsConfig {
  return loadConfig(uploadsConfigSchema, env);
}
