import type { UserKey } from './user-key';

/** What describeKey tells of a key; `state` is KMS's KeyState (Enabled, Disabled, PendingDeletion, …). */
export interface KeyDescription extends UserKey {
  state: string;
  deletionDate?: Date;
}

/**
 * The port over KMS. Adapters translate AWS errors: an outage is DependencyUnavailable('KMS'),
 * a refusal because of the key's state KmsKeyStateInvalid, anything else DependencyFailed('KMS').
 */
export interface KeyManagement {
  createKey(input: { userId: string; stage: string }): Promise<UserKey>;
  /** 'exists' when the alias already names a key (maybe another one: look it up). */
  createAlias(aliasName: string, keyId: string): Promise<'created' | 'exists'>;
  /** A key id, ARN or alias name; undefined when it names nothing. */
  describeKey(keyIdOrAlias: string): Promise<KeyDescription | undefined>;
  /** Repeating it on a disabled key is harmless; a key pending deletion gives KmsKeyStateInvalid. */
  disableKey(keyId: string): Promise<void>;
  /** A key already pending deletion gives KmsKeyStateInvalid, as KMS does. */
  scheduleKeyDeletion(keyId: string, pendingWindowInDays: number): Promise<{ deletionDate: Date }>;
}
