export const STORAGE_OPTIONS = Symbol('STORAGE_OPTIONS');
/** The module's one S3Client, shared by the adapters so they share its connection pool. */
export const S3_CLIENT = Symbol('S3_CLIENT');

export interface StorageOptions {
  bucket: string;
  region: string;
  /** Only for stand-ins such as the local S3; empty on AWS. */
  endpoint?: string;
  /** Only for stand-ins; on AWS the SDK's default chain (the Lambda role) is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}
