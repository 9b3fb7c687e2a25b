import { Inject, Injectable, Logger } from '@nestjs/common';
import { FileRemoval } from '@enclave/file-removal';
import { epochSeconds, FilesRepository } from '@enclave/metadata';
import { FileStorage } from '@enclave/storage';
import { CLOCK, type Clock } from './files-settings';
import { StrayObjects } from './stray-objects';

export interface SweepResult {
  /** Rows written before the live-files index and the TTL rules, brought up to them. */
  upgraded: number;
  abandoned: number;
  finished: number;
  strays: number;
}

/**
 * Runs on a schedule (a Lambda on AWS; `node dist/apps/uploads-api/sweep.js` locally): removes
 * uploads never completed within UPLOAD_TTL_SECONDS, finishes removals that a crash or an
 * outage left half-done, brings rows of earlier versions up to date (devstack runs it at start),
 * and removes any object no live row expects (should an event
 * notification have been lost), so neither bytes nor quota linger.
 */
@Injectable()
export class AbandonedUploadsSweeper {
  private readonly logger = new Logger(AbandonedUploadsSweeper.name);

  constructor(
    private readonly files: FilesRepository,
    private readonly removal: FileRemoval,
    private readonly storage: FileStorage,
    private readonly strays: StrayObjects,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async sweep(): Promise<SweepResult> {
    const now = this.now();
    const result = {
      upgraded: await this.files.upgradeLegacyRows(),
      abandoned: 0,
      finished: 0,
      strays: 0,
    };
    for await (const record of this.files.sweepCandidates(epochSeconds(now))) {
      if (record.status === 'UPLOADING') {
        if (await this.removal.abandon(record, now)) result.abandoned++;
      } else {
        await this.removal.finish(record, now);
        result.finished++;
      }
    }
    // After the removals, so objects they were about to delete are not counted as strays.
    for await (const object of this.storage.listObjects()) {
      if ((await this.strays.check(object.key)) === 'removed') result.strays++;
    }
    this.logger.log(result, 'swept abandoned uploads, unfinished removals and stray objects');
    return result;
  }
}
