/**
 * Where one deployment's resources are: the local stand-ins (endpoints and local credentials
 * set) or AWS (endpoints empty; credentials from the Lambda role).
 */
export interface StackResources {
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  endpoints: { s3?: string; dynamodb?: string; ses?: string; kms?: string };
  bucket: string;
  tables: { files: string; shares: string };
  /** Where share links point: the portal's public share page, `{base}/s/{token}`. */
  shareLinkBase: string;
  authEndpoint: string;
  logLevel: string;
  corsOrigins: readonly string[];
}
