import { Inject, Injectable } from '@nestjs/common';
import type { Schemas } from '@enclave/api-contract';
import { ProblemException } from '@enclave/errors';
import { FileRemoval } from '@enclave/file-removal';
import { ENCRYPTION_SETTINGS, type EncryptionSettings, UserKeys } from '@enclave/kms-key-lock';
import { FilesRepository } from '@enclave/metadata';
import { noKeyOfTheirOwn } from './key-status.service';

/**
 * Crypto-shredding: the user's key is disabled and its deletion scheduled first, so from that
 * moment no copy of their files can be decrypted; then every file goes through the one removal
 * of the platform (rows DELETED, objects gone, quota released, shares revoked). The row stays
 * SHREDDING until the last file is gone: a call cut short is finished by the next one.
 */
@Injectable()
export class CryptoShred {
  constructor(
    @Inject(ENCRYPTION_SETTINGS) private readonly settings: EncryptionSettings,
    private readonly keys: UserKeys,
    private readonly files: FilesRepository,
    private readonly removal: FileRemoval,
  ) {}

  async shred(userId: string): Promise<Schemas['ShredResponse']> {
    if (this.settings.mode !== 'per_user') throw noKeyOfTheirOwn(this.settings.mode, 'shredded');
    const started = await this.keys.beginShred(userId);
    if (started === 'none' || !started.key_arn) {
      throw new ProblemException(
        'conflict',
        'You have no encryption key yet (it is made with your first upload): there is nothing to shred.',
      );
    }
    const keyId = started.key_arn;
    if (started.state === 'SHREDDED' && started.deletion_date) {
      return shredded(keyId, started.deletion_date, 0);
    }
    const deletionDate = await this.keys.disableAndScheduleDeletion(keyId);
    let removed = 0;
    // Removals an earlier call started and could not finish first, then every live file.
    for await (const tombstone of this.files.unfinishedRemovals(userId)) {
      await this.removal.finish(tombstone, new Date());
      removed++;
    }
    for await (const file of this.files.allLive(userId)) {
      if (await this.removal.delete(userId, file.file_id, new Date())) removed++;
    }
    const row = await this.keys.finishShred(userId, deletionDate);
    return shredded(keyId, row.deletion_date ?? deletionDate.toISOString(), removed);
  }
}

function shredded(keyId: string, deletionDate: string, removed: number): Schemas['ShredResponse'] {
  return {
    kms_mode: 'per_user',
    state: 'SHREDDED',
    key_id: keyId,
    deletion_date: deletionDate,
    files_removed: removed,
  };
}
