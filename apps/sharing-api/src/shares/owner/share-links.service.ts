import { Inject, Injectable } from '@nestjs/common';
import type { Schemas } from '@enclave/api-contract';
import type { AuthenticatedUser } from '@enclave/auth-guard';
import { FilesRepository, SharesRepository } from '@enclave/metadata';
import { hashPassword } from '../password-hash';
import { CLOCK, type Clock, SHARING_SETTINGS, type SharingSettings } from '../sharing-settings';
import { shareExpiry } from './expiry';
import { newShare, shareUrl } from './new-share';
import { readyFile } from './ready-file';

/** Links to copy: anyone holding one may open it until it expires, is revoked or is used up. */
@Injectable()
export class ShareLinks {
  constructor(
    private readonly files: FilesRepository,
    private readonly shares: SharesRepository,
    @Inject(SHARING_SETTINGS) private readonly settings: SharingSettings,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async create(
    owner: AuthenticatedUser,
    fileId: string,
    request: Schemas['CreateShareLinkRequest'] = {},
  ): Promise<Schemas['ShareLinkResponse']> {
    const now = this.now();
    const file = await readyFile(this.files, owner.user_id, fileId);
    const expiry = shareExpiry(request.expires_in, this.settings, now);
    const passwordHash =
      request.password !== undefined ? await hashPassword(request.password) : undefined;
    const { token, record } = newShare(file, now, expiry, {
      kind: 'LINK',
      shared_by: owner.name ?? undefined,
      max_downloads: request.max_downloads,
      passwordHash,
    });
    await this.shares.create(record);
    return {
      share_id: record.share_id,
      file_id: record.file_id,
      url: shareUrl(this.settings.linkBase, token),
      token,
      expires_at: record.expires_at,
      ...(record.max_downloads !== undefined ? { max_downloads: record.max_downloads } : {}),
      password_protected: record.password_protected,
    };
  }
}
