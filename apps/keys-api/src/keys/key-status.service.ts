import { Inject, Injectable } from '@nestjs/common';
import type { Schemas } from '@enclave/api-contract';
import { ProblemException } from '@enclave/errors';
import {
  ENCRYPTION_SETTINGS,
  type EncryptionSettings,
  type KeyRow,
  UserKeys,
} from '@enclave/kms-key-lock';

/** What a user's key is, in every mode; and, in per_user mode, making it exist. */
@Injectable()
export class KeyStatusService {
  constructor(
    @Inject(ENCRYPTION_SETTINGS) private readonly settings: EncryptionSettings,
    private readonly keys: UserKeys,
  ) {}

  async of(userId: string): Promise<Schemas['KeyStatus']> {
    const { mode, sharedKeyId } = this.settings;
    if (mode === 's3') return { kms_mode: mode, state: 'NONE' };
    if (mode === 'shared') return { kms_mode: mode, state: 'READY', key_id: sharedKeyId };
    return keyStatus(await this.keys.status(userId));
  }

  async ensure(userId: string): Promise<Schemas['KeyStatus']> {
    if (this.settings.mode !== 'per_user') throw noKeyOfTheirOwn(this.settings.mode, 'made');
    await this.keys.keyFor(userId);
    return keyStatus(await this.keys.status(userId));
  }
}

export function keyStatus(row: KeyRow | undefined): Schemas['KeyStatus'] {
  if (!row) return { kms_mode: 'per_user', state: 'NONE' };
  return {
    kms_mode: 'per_user',
    state: row.state,
    ...(row.key_arn ? { key_id: row.key_arn } : {}),
    ...(row.created_at ? { created_at: row.created_at } : {}),
    ...(row.deletion_date ? { deletion_date: row.deletion_date } : {}),
  };
}

/** 409: only per_user mode gives a user a key of their own to make or shred. */
export function noKeyOfTheirOwn(mode: 's3' | 'shared', action: 'made' | 'shredded') {
  const how =
    mode === 's3'
      ? 'files are encrypted with keys S3 holds (SSE-S3, KMS_MODE=s3)'
      : 'every file is encrypted with the one shared KMS key (KMS_MODE=shared)';
  return new ProblemException(
    'conflict',
    `This deployment gives no user a key of their own: ${how}. A per-user key can only be ${action} with KMS_MODE=per_user.`,
  );
}
