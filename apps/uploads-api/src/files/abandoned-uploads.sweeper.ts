import { Inject, Injectable, Logger } from '@nestjs/common';
import { FileRemoval } from '@enclave/file-removal';
import { epochSeconds, FilesRepository, StorageUsageRepository } from '@enclave/metadata';
import { FileStorage } from '@enclave/storage';
import { CLOCK, type Clock } from './files-settings';
import { StrayObjects } from './stray-objects';

export interface SweepResult {
  /** Rows written by earlier versions (before the indexes and the TTL rules), brought up to date. */
  upgraded: number;
  abandoned: number;
  finished: number;
  /** Users whose usage row was checked against their rows (and taken out of the sweep's index). */
  reconciled: number;
  /** Of those, how many counted other bytes than their rows hold, and were set right. */
  corrected: number;
  strays: number;
}

/**
 * Runs on a schedule (a Lambda on AWS; `node dist/apps/uploads-api/sweep.js` locally): removes
 * uploads never completed within UPLOAD_TTL_SECONDS, finishes removals that a crash or an
 * outage left half-done, reconciles the usage of users who reserved bytes a while ago with
 * their rows (a create that crashed between its reservation and its row leaves bytes counted
 * for nothing), brings rows of earlier versions up to date (devstack runs it at start), and
 * removes any object no live row expects (should an event notification have been lost), so
 * neither bytes nor quota linger. It finds its work through the sweep-work index, not a scan.
 */
@Injectable()
export class AbandonedUploadsSweeper {
  private readonly logger = new Logger(AbandonedUploadsSweeper.name);

  constructor(
    private readonly files: FilesRepository,
    private readonly usage: StorageUsageRepository,
    private readonly removal: FileRemoval,
    private readonly storage: FileStorage,
    private readonly strays: StrayObjects,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async sweep(): Promise<SweepResult> {
    const now = this.now();
    const result: SweepResult = {
      upgraded: await this.files.upgradeLegacyRows(epochSeconds(now)),
      abandoned: 0,
      finished: 0,
      reconciled: 0,
      corrected: 0,
      strays: 0,
    };
    for await (const work of this.files.sweepWork(epochSeconds(now))) {
      if (work.kind === 'usage') {
        const outcome = await this.reconcile(work.userId);
        if (outcome !== 'changed meanwhile') result.reconciled++;
        if (outcome === 'corrected') result.corrected++;
      } else if (work.record.status === 'UPLOADING') {
        if (await this.removal.abandon(work.record, now)) result.abandoned++;
      } else {
        await this.removal.finish(work.record, now);
        result.finished++;
      }
    }
    // After the removals, so objects they were about to delete are not counted as strays.
    for await (const object of this.storage.listObjects()) {
      if ((await this.strays.check(object.key)) === 'removed') result.strays++;
    }
    this.logger.log(
      result,
      'swept abandoned uploads, unfinished removals, usage counts and stray objects',
    );
    return result;
  }

  /**
   * Sets the user's usage to the bytes their rows hold: every UPLOADING and READY file, and every
   * tombstone whose removal has not released its bytes yet. The usage row is read first; any
   * change of it after that (a reservation, a release) makes the write refuse, and the count is
   * left to the next sweep. Only due a grace period after the last reservation, so no create is
   * still between its reservation and its row.
   */
  private async reconcile(userId: string): Promise<'agreed' | 'corrected' | 'changed meanwhile'> {
    const read = await this.usage.snapshot(userId);
    let expected = 0;
    for await (const row of this.files.rowsHoldingBytes(userId)) {
      if (row.status !== 'DELETED' || !read.released(row.file_id)) expected += row.size;
    }
    if (!(await this.usage.reconcile(userId, expected, read))) return 'changed meanwhile';
    if (expected === read.usedBytes) return 'agreed';
    this.logger.warn(
      { userId, counted: read.usedBytes, held: expected },
      'usage did not match the rows (a create cut short between its two writes?); corrected',
    );
    return 'corrected';
  }
}
