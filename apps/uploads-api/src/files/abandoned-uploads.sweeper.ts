import { Inject, Injectable, Logger } from '@nestjs/common';
import { FileRemoval } from '@enclave/file-removal';
import { epochSeconds, FilesRepository } from '@enclave/metadata';
import { CLOCK, type Clock } from './files-settings';

/**
 * Runs on a schedule (a Lambda on AWS; `node dist/apps/uploads-api/sweep.js` locally): removes
 * uploads never completed within UPLOAD_TTL_SECONDS, and finishes removals that a crash or an
 * outage left half-done, so neither bytes nor quota linger.
 */
@Injectable()
export class AbandonedUploadsSweeper {
  private readonly logger = new Logger(AbandonedUploadsSweeper.name);

  constructor(
    private readonly files: FilesRepository,
    private readonly removal: FileRemoval,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async sweep(): Promise<{ abandoned: number; finished: number }> {
    const now = this.now();
    const result = { abandoned: 0, finished: 0 };
    for await (const record of this.files.sweepCandidates(epochSeconds(now))) {
      if (record.status === 'UPLOADING') {
        if (await this.removal.abandon(record, now)) result.abandoned++;
      } else {
        await this.removal.finish(record, now);
        result.finished++;
      }
    }
    this.logger.log(result, 'swept abandoned uploads and unfinished removals');
    return result;
  }
}
