/**
 * Where one deployment's resources are: the local stand-ins (endpoints and local credentials
 * set) or AWS (endpoints empty; credentials from the Lambda role).
 */
export interface StackResources {
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  endpoints: { s3?: string; dynamodb?: string; ses?: string; kms?: string };
  bucket: string;
  tables: { files: string; shares: string; keys: string };
  /**
   * How files are encrypted at rest (KMS_MODE): `s3` (SSE-S3), `shared` (the one KMS key named),
   * `per_user` (a KMS key per user, made on first upload, aliased under the stage's name).
   */
  encryption: { kmsMode: 's3' | 'shared' | 'per_user'; sharedKeyId?: string };
  /** The deployment's name: per-user key aliases and tags carry it (`alias/enclave/{stage}/…`). */
  stage: string;
  /** Where share links point: the portal's public share page, `{base}/s/{token}`. */
  shareLinkBase: string;
  authEndpoint: string;
  logLevel: string;
  corsOrigins: readonly string[];
}
