export const STORAGE_OPTIONS = Symbol('STORAGE_OPTIONS');

export interface StorageOptions {
  bucket: string;
  region: string;
  /** Only for stand-ins such as the local S3; empty on AWS. */
  endpoint?: string;
  /** Only for stand-ins; on AWS the SDK's default chain (the Lambda role) is used. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}
