import { DomainError } from '@enclave/errors';

/** The user's key was destroyed (their account was shredded): nothing of theirs can be read again. */
export class UserKeyShredded extends DomainError {
  readonly kind = 'conflict';

  constructor(readonly userId: string) {
    super(
      'This account was crypto-shredded: its encryption key is disabled and scheduled for deletion, so no file can be stored or read under it any more.',
    );
  }
}

/**
 * KMS refused an operation because of the key's state (KMSInvalidStateException), e.g. disabling
 * or scheduling the deletion of a key already pending deletion. UserKeys tolerates it where a
 * repeated shred step meets it.
 */
export class KmsKeyStateInvalid extends DomainError {
  readonly kind = 'conflict';

  constructor(
    readonly keyId: string,
    cause?: unknown,
  ) {
    super(`KMS key ${keyId} is not in a state that allows this operation.`, { cause });
  }
}
