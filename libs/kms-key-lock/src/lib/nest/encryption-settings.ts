import {
  type AwsCallLimits,
  awsCallLimits,
  type AwsCallLimitSettings,
  awsCredentials,
} from '@enclave/config';
import type { KmsMode } from '@enclave/metadata';

export const ENCRYPTION_SETTINGS = Symbol('ENCRYPTION_SETTINGS');

/** How a deployment encrypts files (KMS_MODE and what each mode needs), and where KMS is. */
export interface EncryptionSettings {
  mode: KmsMode;
  /** `shared` mode's key: an id, ARN or alias. */
  sharedKeyId?: string;
  /** Names per-user keys' aliases and tags (`alias/enclave/{stage}/user/{user_id}`). */
  stage: string;
  keysTable: string;
  /** How long a remembered per-user key is used before its row is read again. */
  cacheSeconds?: number;
  region: string;
  /** Only for the local stand-in; empty on AWS. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Timeouts and attempts per KMS call; the SDK's defaults when absent. */
  limits?: AwsCallLimits;
}

/** The settings from a service's config (the encryption fragment of libs/config). */
export function encryptionSettings(
  config: {
    KMS_MODE: KmsMode;
    KMS_SHARED_KEY_ID?: string;
    ENCLAVE_STAGE: string;
    KEYS_TABLE: string;
    KEY_CACHE_SECONDS: number;
    AWS_REGION: string;
    KMS_ENDPOINT?: string;
    AWS_ACCESS_KEY_ID?: string;
    AWS_SECRET_ACCESS_KEY?: string;
    AWS_SESSION_TOKEN?: string;
  } & AwsCallLimitSettings,
): EncryptionSettings {
  return {
    mode: config.KMS_MODE,
    sharedKeyId: config.KMS_SHARED_KEY_ID,
    stage: config.ENCLAVE_STAGE,
    keysTable: config.KEYS_TABLE,
    cacheSeconds: config.KEY_CACHE_SECONDS,
    region: config.AWS_REGION,
    endpoint: config.KMS_ENDPOINT,
    credentials: awsCredentials(config),
    limits: awsCallLimits(config),
  };
}
