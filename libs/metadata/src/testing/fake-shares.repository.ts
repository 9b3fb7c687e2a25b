import type { SharesRepository } from '../lib/shares.repository';

/**
 * The part of the shares table a file's removal uses: it remembers which files had their shares
 * revoked. Sharing itself is tested against dynalite (libs/metadata, apps/sharing-api).
 */
export class FakeSharesRepository implements Pick<SharesRepository, 'revokeAllOfFile'> {
  readonly revokedFiles: string[] = [];
  /** Makes the next revocation fail with this error (a fault injection point). */
  failNext?: Error;

  async revokeAllOfFile(userId: string, fileId: string): Promise<number> {
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure) throw failure;
    this.revokedFiles.push(`${userId}/${fileId}`);
    return 0;
  }
}
