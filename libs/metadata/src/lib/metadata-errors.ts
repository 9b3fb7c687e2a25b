import { DomainError } from '@enclave/errors';
import type { FileRecord } from './file-record';

/** A file with this id exists already (ids are generated; a repeat means a retried create). */
export class FileExists extends DomainError {
  readonly kind = 'conflict';

  constructor(fileId: string) {
    super(`A file ${fileId} exists already.`);
  }
}

/** A conditional write found the row in another state than expected; `current` is what it found. */
export class FileStateConflict extends DomainError {
  readonly kind = 'conflict';

  constructor(readonly current: FileRecord | undefined) {
    super('The file changed while this request ran; try again.');
  }
}

/** A share changed (or was revoked) while this request ran; `current` is what it found. */
export class ShareStateConflict extends DomainError {
  readonly kind = 'conflict';

  constructor(readonly current: unknown) {
    super('The share was revoked; a revoked share cannot be changed.');
  }
}
