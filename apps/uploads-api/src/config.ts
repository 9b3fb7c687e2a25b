import { seconds, serviceBaseSchema } from '@enclave/config';
import { z } from 'zod';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const TiB = 1024 ** 4;
const bytes = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const uploadsConfigSchema = serviceBaseSchema.extend({
  S3_BUCKET: z.string().min(3),
  FILES_TABLE: z.string().min(1).default('enclave-files'),
  /** How long a presigned upload URL works. */
  UPLOAD_URL_EXPIRES_SECONDS: seconds(900).pipe(z.number().max(7 * 24 * 3600)),
  /** How long a presigned multipart part URL works; clients ask for more on demand. */
  PART_URL_EXPIRES_SECONDS: seconds(900).pipe(z.number().max(7 * 24 * 3600)),
  /** Files larger than this upload in parts (S3 takes at most 5 GiB in one PUT). */
  MULTIPART_THRESHOLD_BYTES: bytes(64 * MiB).pipe(z.number().max(5 * GiB)),
  /** Preferred part size (S3: 5 MiB to 5 GiB); very large files get larger parts. */
  MULTIPART_PART_SIZE_BYTES: bytes(16 * MiB).pipe(
    z
      .number()
      .min(5 * MiB)
      .max(5 * GiB),
  ),
  /** The largest file this deployment accepts; S3's own limit is 5 TiB. */
  MAX_FILE_BYTES: bytes(5 * TiB).pipe(z.number().max(5 * TiB)),
  /** Bytes each user may hold, uploading or ready; unset means no quota. */
  USER_QUOTA_BYTES: z.coerce.number().int().positive().optional(),
  /** How long a presigned download URL works. */
  DOWNLOAD_URL_EXPIRES_SECONDS: seconds(3600).pipe(z.number().max(7 * 24 * 3600)),
  /** An upload not completed within this time is abandoned. */
  UPLOAD_TTL_SECONDS: seconds(7 * 24 * 3600),
  /** How long a deleted file's tombstone keeps repeated deletes idempotent. */
  DELETED_RETENTION_SECONDS: seconds(30 * 24 * 3600),
});

export type UploadsConfig = z.infer<typeof uploadsConfigSchema>;
