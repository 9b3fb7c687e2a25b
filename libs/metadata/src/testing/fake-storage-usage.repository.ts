import type { StorageUsageRepository } from '../lib/storage-usage.repository';

type Public<T> = { [K in keyof T]: T[K] };

/** Users' storage use in memory, with the repository's exactly-once release. */
export class FakeStorageUsageRepository implements Public<StorageUsageRepository> {
  readonly usedBytes = new Map<string, number>();
  readonly releaseMarkers = new Set<string>();

  async reserve(userId: string, bytes: number, quota?: number): Promise<boolean> {
    const used = this.usedBytes.get(userId) ?? 0;
    if (quota !== undefined && used + bytes > quota) return false;
    this.usedBytes.set(userId, used + bytes);
    return true;
  }

  async release(userId: string, bytes: number): Promise<void> {
    this.usedBytes.set(userId, (this.usedBytes.get(userId) ?? 0) - bytes);
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
  }

  async used(userId: string): Promise<number> {
    return this.usedBytes.get(userId) ?? 0;
  }
}
