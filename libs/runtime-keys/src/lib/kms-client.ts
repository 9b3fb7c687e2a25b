import { KMSClient } from '@aws-sdk/client-kms';

export interface CleanupKmsOptions {
  region: string;
  /** Only for a local stand-in; on AWS the SDK's default endpoint and credential chain apply. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** The KMS client the cleanup runs with, so an entry point never imports the SDK itself. */
export const cleanupKmsClient = ({ region, endpoint, credentials }: CleanupKmsOptions): KMSClient =>
  new KMSClient({ region, endpoint, credentials });
