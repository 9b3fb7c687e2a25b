import { Inject, Injectable } from '@nestjs/common';
import type { KmsMode } from '@enclave/metadata';
import type { ObjectEncryption } from '@enclave/storage';
import { UserKeys } from '../user-keys';
import { ENCRYPTION_SETTINGS, type EncryptionSettings } from './encryption-settings';

/** How one upload is encrypted: the mode, what S3 is asked for, and the KMS key if any. */
export interface UploadEncryption {
  mode: KmsMode;
  object: ObjectEncryption;
  /** The KMS key ARN (or the shared key's configured id); absent in `s3` mode. */
  keyId?: string;
}

/** Chooses each upload's encryption from the deployment's KMS_MODE (per_user: the uploader's key). */
@Injectable()
export class FileEncryption {
  constructor(
    @Inject(ENCRYPTION_SETTINGS) private readonly settings: EncryptionSettings,
    private readonly userKeys: UserKeys,
  ) {}

  get mode(): KmsMode {
    return this.settings.mode;
  }

  async forUpload(userId: string): Promise<UploadEncryption> {
    const { mode, sharedKeyId } = this.settings;
    if (mode === 's3') return { mode, object: { kind: 'AES256' } };
    if (mode === 'shared') return this.kms(mode, sharedKeyId ?? '');
    return this.kms(mode, (await this.userKeys.keyFor(userId)).arn);
  }

  private kms(mode: KmsMode, keyId: string): UploadEncryption {
    return { mode, object: { kind: 'aws:kms', kmsKeyId: keyId }, keyId };
  }
}
