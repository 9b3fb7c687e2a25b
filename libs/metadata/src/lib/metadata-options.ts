import {
  type AwsCallLimits,
  awsCallLimits,
  type AwsCallLimitSettings,
  awsCredentials,
  type AwsCredentials,
} from '@enclave/config';

export const METADATA_OPTIONS = Symbol('METADATA_OPTIONS');

export interface MetadataOptions {
  region: string;
  /** Only for stand-ins such as dynalite; empty on AWS. */
  endpoint?: string;
  credentials?: AwsCredentials;
  /** Timeouts and attempts per DynamoDB call; the SDK's defaults when absent. */
  limits?: AwsCallLimits;
  filesTable: string;
  sharesTable: string;
}

/** MetadataOptions from a service's config (filesDataFragment and awsFragment of @enclave/config). */
export function metadataSettings(
  config: {
    FILES_TABLE: string;
    SHARES_TABLE: string;
    AWS_REGION: string;
    DYNAMODB_ENDPOINT?: string;
    AWS_ACCESS_KEY_ID?: string;
    AWS_SECRET_ACCESS_KEY?: string;
    AWS_SESSION_TOKEN?: string;
  } & AwsCallLimitSettings,
): MetadataOptions {
  return {
    region: config.AWS_REGION,
    endpoint: config.DYNAMODB_ENDPOINT,
    credentials: awsCredentials(config),
    limits: awsCallLimits(config),
    filesTable: config.FILES_TABLE,
    sharesTable: config.SHARES_TABLE,
  };
}
