import { Inject, Injectable } from '@nestjs/common';
import type { Schemas } from '@enclave/api-contract';
import { ProblemException } from '@enclave/errors';
import { type ShareRecord, SharesRepository } from '@enclave/metadata';
import { toShare } from '../share-view';
import { CLOCK, type Clock, SHARING_SETTINGS, type SharingSettings } from '../sharing-settings';
import { shareExpiry } from './expiry';
import { decodeShareCursor, encodeShareCursor } from './share-cursor';

/**
 * What an owner does with their shares. Every call is scoped by the caller's user_id (the guard
 * checked the path's), so another user's share_id answers 404, as if it did not exist.
 */
@Injectable()
export class ShareManagement {
  constructor(
    private readonly shares: SharesRepository,
    @Inject(SHARING_SETTINGS) private readonly settings: SharingSettings,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async list(
    userId: string,
    options: { fileId?: string; limit: number; cursor?: string },
  ): Promise<Schemas['ShareList']> {
    const page = await this.shares.list(userId, {
      fileId: options.fileId,
      limit: options.limit,
      afterShareId: options.cursor === undefined ? undefined : decodeShareCursor(options.cursor),
    });
    const now = this.now();
    return {
      user_id: userId,
      shares: page.shares.map((share) => toShare(share, now)),
      next_cursor: page.lastShareId === undefined ? null : encodeShareCursor(page.lastShareId),
    };
  }

  /** One share with its access log, newest use first. */
  async get(userId: string, shareId: string): Promise<Schemas['ShareDetail']> {
    const share = await this.owned(userId, shareId);
    return {
      ...toShare(share, this.now()),
      access_log: [...share.access_log].reverse().map((entry) => ({
        at: entry.at,
        outcome: entry.outcome,
        ...(entry.ip !== undefined ? { ip: entry.ip } : {}),
        ...(entry.user_agent !== undefined ? { user_agent: entry.user_agent } : {}),
      })),
    };
  }

  /** A new expiry (counted from now) and/or download limit; a revoked share stays as it is (409). */
  async update(
    userId: string,
    shareId: string,
    change: Schemas['UpdateShareRequest'],
  ): Promise<Schemas['Share']> {
    const share = await this.owned(userId, shareId);
    if (share.revoked_at !== undefined) throw revokedConflict(shareId);
    const now = this.now();
    const expiry =
      change.expires_in === undefined
        ? undefined
        : shareExpiry(change.expires_in, this.settings, now);
    const updated = await this.shares.change(share.token_hash, {
      expiresAt: expiry?.expiresAt,
      purgeAt: expiry?.purgeAt,
      maxDownloads: change.max_downloads,
    });
    return toShare(updated, now);
  }

  /** Ends a share at once; revoking a revoked share answers it as it is. */
  async revoke(userId: string, shareId: string): Promise<Schemas['Share']> {
    const share = await this.owned(userId, shareId);
    const now = this.now();
    return toShare(await this.shares.revoke(share.token_hash, now.toISOString(), 'OWNER'), now);
  }

  private async owned(userId: string, shareId: string): Promise<ShareRecord> {
    const share = await this.shares.findOwned(userId, shareId);
    if (!share) throw new ProblemException('notFound', `No share ${shareId}.`);
    return share;
  }
}

function revokedConflict(shareId: string): ProblemException {
  return new ProblemException(
    'conflict',
    `The share ${shareId} was revoked; a revoked share cannot be changed.`,
  );
}
