import {
  encryptionFragment,
  seconds,
  serviceBaseSchema,
  withSharedKeyCheck,
} from '@enclave/config';
import * as z from 'zod/mini';

export const keysConfigSchema = withSharedKeyCheck(
  z.extend(serviceBaseSchema, {
    ...encryptionFragment,
    // Crypto-shredding removes the user's files: their rows, objects and shares.
    S3_BUCKET: z.string().check(z.minLength(3)),
    FILES_TABLE: z._default(z.string().check(z.minLength(1)), 'enclave-files'),
    SHARES_TABLE: z._default(z.string().check(z.minLength(1)), 'enclave-shares'),
    /** How long a removed file's tombstone keeps repeated deletes idempotent. */
    DELETED_RETENTION_SECONDS: seconds(30 * 24 * 3600),
  }),
);

export type KeysConfig = z.infer<typeof keysConfigSchema>;
