import type { Schemas } from '@enclave/api-contract';

type KeyStatus = Schemas['KeyStatus'];

/** What each encryption mode means for the person whose files they are. */
export function modeExplanation(mode: KeyStatus['kms_mode']): { title: string; text: string } {
  switch (mode) {
    case 's3':
      return {
        title: 'Encrypted by the storage service',
        text: 'Amazon S3 encrypts your files at rest (AES-256) with keys it manages itself. There is no key of your own, so there is nothing to crypto-shred.',
      };
    case 'shared':
      return {
        title: 'Encrypted with this service’s key',
        text: 'Your files are encrypted at rest with one AWS KMS key that this service manages for all its users. Deleting your files removes them; there is no key of your own to destroy.',
      };
    case 'per_user':
      return {
        title: 'Encrypted with a key of your own',
        text: 'Your files are encrypted at rest with an AWS KMS key that belongs to you alone. Destroying that key (crypto-shredding) makes every copy of your files unreadable for good.',
      };
  }
}

/** The key's state in words. */
export function stateExplanation(state: KeyStatus['state']): string {
  switch (state) {
    case 'NONE':
      return 'No key of your own yet (in this mode it is made with your first upload).';
    case 'CREATING':
      return 'Your key is being created.';
    case 'READY':
      return 'Ready: your files are encrypted with it.';
    case 'SHREDDING':
      return 'A crypto-shred started and still has files to remove. Run it again to finish.';
    case 'SHREDDED':
      return 'Shredded: the key is disabled and scheduled for deletion; your files are gone.';
  }
}

/** Only a key of the user's own that still exists (or is half-way shredded) can be shredded. */
export function canShred(status: Pick<KeyStatus, 'kms_mode' | 'state'>): boolean {
  return (
    status.kms_mode === 'per_user' && (status.state === 'READY' || status.state === 'SHREDDING')
  );
}
