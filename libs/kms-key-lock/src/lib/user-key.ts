/** A user's own KMS key: every file of theirs is encrypted under it. */
export interface UserKey {
  keyId: string;
  arn: string;
}

/**
 * The alias that names a user's key. It is the one fact KMS itself keeps about whose key is
 * whose, so a creator that crashed before writing the key row can be found by it and adopted.
 */
export const userKeyAlias = (stage: string, userId: string): string =>
  `alias/enclave/${stage}/user/${userId}`;

/** Days a scheduled deletion waits, the shortest KMS allows: the shred is meant to be final. */
export const KEY_DELETION_WINDOW_DAYS = 7;
