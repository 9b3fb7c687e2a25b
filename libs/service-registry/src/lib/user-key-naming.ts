/**
 * How Enclave's KMS keys are named and tagged. The keys service makes them at runtime and the
 * destroy-time cleanup finds them by these same names, so the two live here and cannot drift.
 */

/** Tags every per-user key carries: whose it is, and which deployment made it. */
export const USER_KEY_TAGS = { userId: 'enclave:user_id', stage: 'enclave:stage' } as const;

/** The alias prefix under which one stage's user keys are named (ends with `/`). */
export const userKeyAliasPrefix = (stage: string): string => `alias/enclave/${stage}/user/`;

/**
 * The alias that names a user's key. It is the one fact KMS itself keeps about whose key is
 * whose, so a creator that crashed before writing the key row can be found by it and adopted.
 */
export const userKeyAlias = (stage: string, userId: string): string =>
  `${userKeyAliasPrefix(stage)}${userId}`;

/** kms_mode `shared`: the one key's alias, in each deployment and on the local stack alike. */
export const sharedKeyAlias = (stage: string): string => `alias/enclave/${stage}/shared`;

/** Days a scheduled deletion waits, the shortest KMS allows: the shred is meant to be final. */
export const KEY_DELETION_WINDOW_DAYS = 7;
