import {
  RECONCILE_GRACE_SECONDS,
  type StorageUsageRepository,
  type UsageSnapshot,
} from '../lib/storage-usage.repository';

type Public<T> = { [K in keyof T]: T[K] };

/**
 * Users' storage use in memory, with the repository's exactly-once release, versions, and the
 * reconciliation due a while after each reservation.
 */
export class FakeStorageUsageRepository implements Public<StorageUsageRepository> {
  readonly usedBytes = new Map<string, number>();
  readonly releaseMarkers = new Set<string>();
  readonly versions = new Map<string, number>();
  /** Epoch seconds a user's usage is due for reconciliation (in the sweep-work index). */
  readonly reconcileAt = new Map<string, number>();

  async reserve(
    userId: string,
    bytes: number,
    quota?: number,
    nowSeconds = Math.floor(Date.now() / 1000),
  ): Promise<boolean> {
    const used = this.usedBytes.get(userId) ?? 0;
    if (quota !== undefined && used + bytes > quota) return false;
    this.usedBytes.set(userId, used + bytes);
    this.bump(userId);
    this.reconcileAt.set(userId, nowSeconds + RECONCILE_GRACE_SECONDS);
    return true;
  }

  async release(userId: string, bytes: number): Promise<void> {
    this.usedBytes.set(userId, (this.usedBytes.get(userId) ?? 0) - bytes);
    this.bump(userId);
  }

  async releaseFile(userId: string, fileId: string, bytes: number): Promise<boolean> {
    const marker = `${userId}/${fileId}`;
    if (this.releaseMarkers.has(marker)) return false;
    this.releaseMarkers.add(marker);
    await this.release(userId, bytes);
    return true;
  }

  async forgetFileRelease(userId: string, fileId: string): Promise<void> {
    this.releaseMarkers.delete(`${userId}/${fileId}`);
    this.bump(userId);
  }

  async used(userId: string): Promise<number> {
    return this.usedBytes.get(userId) ?? 0;
  }

  async snapshot(userId: string): Promise<UsageSnapshot> {
    const markers = new Set(this.releaseMarkers);
    return {
      usedBytes: this.usedBytes.get(userId) ?? 0,
      version: this.versions.get(userId),
      released: (fileId) => markers.has(`${userId}/${fileId}`),
    };
  }

  async reconcile(userId: string, expectedBytes: number, read: UsageSnapshot): Promise<boolean> {
    if (!this.usedBytes.has(userId) || this.versions.get(userId) !== read.version) return false;
    this.usedBytes.set(userId, expectedBytes);
    this.reconcileAt.delete(userId);
    return true;
  }

  /** Users whose usage is due for reconciliation by `nowSeconds`. */
  dueUsers(nowSeconds: number): string[] {
    return [...this.reconcileAt].filter(([, at]) => at <= nowSeconds).map(([userId]) => userId);
  }

  /** As FilesRepository.upgradeLegacyRows does to usage rows without a version; returns how many. */
  upgradeLegacyRows(nowSeconds: number): number {
    let upgraded = 0;
    for (const userId of this.usedBytes.keys()) {
      if (this.versions.has(userId)) continue;
      this.bump(userId);
      this.reconcileAt.set(userId, nowSeconds + RECONCILE_GRACE_SECONDS);
      upgraded++;
    }
    return upgraded;
  }

  private bump(userId: string): void {
    this.versions.set(userId, (this.versions.get(userId) ?? 0) + 1);
  }
}
