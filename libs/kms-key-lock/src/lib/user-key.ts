/** A user's own KMS key: every file of theirs is encrypted under it. */
export interface UserKey {
  keyId: string;
  arn: string;
}

// The naming is shared with the destroy-time cleanup (libs/runtime-keys), so it lives in one place.
export { KEY_DELETION_WINDOW_DAYS, userKeyAlias } from '@enclave/service-registry';
