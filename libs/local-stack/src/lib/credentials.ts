/**
 * The stand-ins accept one key pair: s3rver's built-in account (`S3RVER`/`S3RVER`). dynalite
 * accepts any key, so the same pair works for every local client and every service's env.
 */
export const LOCAL_ACCESS_KEY_ID = 'S3RVER';
export const LOCAL_SECRET_ACCESS_KEY = 'S3RVER';
export const LOCAL_REGION = 'us-east-1';

export const localCredentials = {
  accessKeyId: LOCAL_ACCESS_KEY_ID,
  secretAccessKey: LOCAL_SECRET_ACCESS_KEY,
} as const;
