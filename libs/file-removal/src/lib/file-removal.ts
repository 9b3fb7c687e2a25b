import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  epochSeconds,
  type FileRecord,
  FilesRepository,
  FileStateConflict,
  SharesRepository,
  StorageUsageRepository,
} from '@enclave/metadata';
import { FileStorage, MultipartCallUnsupported, MultipartStorage } from '@enclave/storage';

export const REMOVAL_SETTINGS = Symbol('REMOVAL_SETTINGS');

export interface RemovalSettings {
  /** How long a tombstone keeps repeated deletes idempotent. */
  deletedRetentionSeconds: number;
  /**
   * How long one remover holds a removal. Longer than any Lambda may run (15 min), so a holder
   * that is still working is never overtaken; one that crashed is finished by the sweep after it.
   */
  leaseSeconds?: number;
}

const DEFAULT_LEASE_SECONDS = 15 * 60;

/**
 * The one way a file goes away, for every cause (delete, a discarded upload, the abandoned-upload
 * sweep, crypto-shred): first a tombstone (DELETED, removal PENDING), then — under a lease, so one
 * remover at a time — abort any multipart upload, delete the object, give the bytes back to the
 * quota exactly once, revoke the file's shares, and mark the removal DONE. Every step is safe to
 * repeat: when one fails, the next attempt (a retried DELETE, or the sweep) picks up where it
 * stopped.
 */
@Injectable()
export class FileRemoval {
  private readonly logger = new Logger(FileRemoval.name);
  private readonly leaseSeconds: number;

  constructor(
    private readonly files: FilesRepository,
    private readonly usage: StorageUsageRepository,
    private readonly shares: SharesRepository,
    private readonly storage: FileStorage,
    private readonly multipart: MultipartStorage,
    @Inject(REMOVAL_SETTINGS) private readonly settings: RemovalSettings,
  ) {
    this.leaseSeconds = settings.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  }

  /**
   * Deletes the file (any state) and removes what it holds. Returns its tombstone, or undefined
   * when there is no such file. Repeating it answers the same tombstone.
   */
  async delete(userId: string, fileId: string, now: Date): Promise<FileRecord | undefined> {
    const record = await this.files.get(userId, fileId);
    if (!record) return undefined;
    const tombstone = record.status === 'DELETED' ? record : await this.tombstone(record, now);
    if (tombstone) await this.finish(tombstone, now);
    return tombstone;
  }

  /**
   * Deletes an upload whose time ran out. Returns false when it is not abandoned after all (it
   * completed or was deleted since it was read).
   */
  async abandon(record: FileRecord, now: Date): Promise<boolean> {
    let tombstone: FileRecord;
    try {
      tombstone = await this.files.markAbandoned(record.user_id, record.file_id, epochSeconds(now));
    } catch (error) {
      if (error instanceof FileStateConflict) return false;
      throw error;
    }
    await this.finish(tombstone, now);
    return true;
  }

  /**
   * Completes a tombstone's removal unless it is done, or another remover holds it (that one, or
   * the sweep once its lease has run out, will finish it).
   */
  async finish(tombstone: FileRecord, now: Date): Promise<void> {
    // Tombstones written before removals were tracked released everything when they were made.
    if (tombstone.status !== 'DELETED' || tombstone.removal !== 'PENDING') return;
    const { user_id: userId, file_id: fileId } = tombstone;
    if (!(await this.files.claimRemoval(userId, fileId, epochSeconds(now), this.leaseSeconds)))
      return;
    try {
      if (tombstone.upload_id) await this.abort(tombstone.object_key, tombstone.upload_id);
      await this.storage.delete(tombstone.object_key);
      await this.usage.releaseFile(userId, fileId, tombstone.size);
      // Resolution refuses shares of a deleted file already; this makes their listings say so.
      await this.shares.revokeAllOfFile(userId, fileId, now.toISOString());
      await this.files.completeRemoval(userId, fileId, this.tombstoneExpiry(now));
    } catch (error) {
      await this.files.releaseRemovalClaim(userId, fileId).catch(() => undefined);
      throw error;
    }
    // Done and still held: no one else can be releasing this file, so its marker may go.
    await this.usage.forgetFileRelease(userId, fileId).catch((error: unknown) => {
      this.logger.warn({ err: error, fileId }, 'release marker kept; it is harmless');
    });
  }

  private async tombstone(record: FileRecord, now: Date): Promise<FileRecord | undefined> {
    try {
      return await this.files.markDeleted(record.user_id, record.file_id, now.toISOString());
    } catch (error) {
      // Deleted meanwhile by someone else: theirs is the tombstone.
      if (error instanceof FileStateConflict) return error.current;
      throw error;
    }
  }

  private async abort(key: string, uploadId: string): Promise<void> {
    try {
      await this.multipart.abort(key, uploadId);
    } catch (error) {
      // Only a stand-in lacks AbortMultipartUpload; S3 itself always has it.
      if (!(error instanceof MultipartCallUnsupported)) throw error;
      this.logger.warn('the object store cannot abort multipart uploads; parts stay stored');
    }
  }

  private tombstoneExpiry(now: Date): number {
    return epochSeconds(now) + this.settings.deletedRetentionSeconds;
  }
}
