import {
  encryptionFragment,
  seconds,
  serviceBaseSchema,
  withSharedKeyCheck,
  filesDataFragment,
} from '@enclave/config';
import * as z from 'zod/mini';

export const keysConfigSchema = withSharedKeyCheck(
  z.extend(serviceBaseSchema, {
    ...encryptionFragment,
    // Crypto-shredding removes the user's files: their rows, objects and shares.
    ...filesDataFragment,
    /** How long a removed file's tombstone keeps repeated deletes idempotent. */
    DELETED_RETENTION_SECONDS: seconds(30 * 24 * 3600),
  }),
);

export type KeysConfig = z.infer<typeof keysConfigSchema>;
