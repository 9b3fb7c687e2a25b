import {
  encryptionFragment,
  seconds,
  serviceBaseSchema,
  wholeNumber,
  withSharedKeyCheck,
  filesDataFragment,
} from '@enclave/config';
import * as z from 'zod/mini';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const TiB = 1024 ** 4;
const WEEK = 7 * 24 * 3600;

export const uploadsConfigSchema = withSharedKeyCheck(
  z.extend(serviceBaseSchema, {
    ...encryptionFragment,
    ...filesDataFragment,
    /** How long a presigned upload URL works. */
    UPLOAD_URL_EXPIRES_SECONDS: seconds(900, WEEK),
    /** How long a presigned multipart part URL works; clients ask for more on demand. */
    PART_URL_EXPIRES_SECONDS: seconds(900, WEEK),
    /** Files larger than this upload in parts (S3 takes at most 5 GiB in one PUT). */
    MULTIPART_THRESHOLD_BYTES: wholeNumber(64 * MiB, { max: 5 * GiB }),
    /** Preferred part size (S3: 5 MiB to 5 GiB); very large files get larger parts. */
    MULTIPART_PART_SIZE_BYTES: wholeNumber(16 * MiB, { min: 5 * MiB, max: 5 * GiB }),
    /** The largest file this deployment accepts; S3's own limit is 5 TiB. */
    MAX_FILE_BYTES: wholeNumber(5 * TiB, { max: 5 * TiB }),
    /** Bytes each user may hold, uploading or ready; unset means no quota. */
    USER_QUOTA_BYTES: z.optional(z.coerce.number().check(z.int(), z.positive())),
    /** How long a presigned download URL works. */
    DOWNLOAD_URL_EXPIRES_SECONDS: seconds(3600, WEEK),
    /** An upload not completed within this time is abandoned. */
    UPLOAD_TTL_SECONDS: seconds(WEEK),
    /** How long a deleted file's tombstone keeps repeated deletes idempotent. */
    DELETED_RETENTION_SECONDS: seconds(30 * 24 * 3600),
  }),
);

export type UploadsConfig = z.infer<typeof uploadsConfigSchema>;
