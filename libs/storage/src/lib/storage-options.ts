import {
  type AwsCallLimits,
  awsCallLimits,
  type AwsCallLimitSettings,
  awsCredentials,
  type AwsCredentials,
} from '@enclave/config';

export const STORAGE_OPTIONS = Symbol('STORAGE_OPTIONS');

export interface StorageOptions {
  bucket: string;
  region: string;
  /** Only for stand-ins such as the local S3; empty on AWS. */
  endpoint?: string;
  /** Only for stand-ins; on AWS the SDK's default chain (the Lambda role) is used. */
  credentials?: AwsCredentials;
  /** Timeouts and attempts per S3 call; the SDK's defaults when absent. */
  limits?: AwsCallLimits;
}

/** StorageOptions from a service's config (filesDataFragment and awsFragment of @enclave/config). */
export function storageSettings(
  config: {
    S3_BUCKET: string;
    AWS_REGION: string;
    S3_ENDPOINT?: string;
    AWS_ACCESS_KEY_ID?: string;
    AWS_SECRET_ACCESS_KEY?: string;
    AWS_SESSION_TOKEN?: string;
  } & AwsCallLimitSettings,
): StorageOptions {
  return {
    bucket: config.S3_BUCKET,
    region: config.AWS_REGION,
    endpoint: config.S3_ENDPOINT,
    credentials: awsCredentials(config),
    limits: awsCallLimits(config),
  };
}
