import { Inject, Injectable, Logger } from '@nestjs/common';
import { FilesRepository, FileStateConflict } from '@enclave/metadata';
import { FileDisposal } from './file-disposal';
import { CLOCK, type Clock, FILES_SETTINGS, type FilesSettings } from './files-settings';
import { epochSeconds } from './files.service';

/**
 * Uploads never completed within UPLOAD_TTL_SECONDS are abandoned: abort their multipart upload,
 * remove any object, free the user's quota and leave a tombstone. Runs on a schedule (a Lambda
 * on AWS; `node dist/apps/uploads-api/sweep.js` locally).
 */
@Injectable()
export class AbandonedUploadsSweeper {
  private readonly logger = new Logger(AbandonedUploadsSweeper.name);

  constructor(
    private readonly files: FilesRepository,
    private readonly disposal: FileDisposal,
    @Inject(FILES_SETTINGS) private readonly settings: FilesSettings,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  /** Returns how many uploads it removed. */
  async sweep(): Promise<number> {
    const now = epochSeconds(this.now());
    let removed = 0;
    for await (const record of this.files.abandonedUploads(now)) {
      try {
        await this.files.markAbandoned(
          record.user_id,
          record.file_id,
          now,
          now + this.settings.deletedRetentionSeconds,
        );
      } catch (error) {
        // Completed or deleted since the scan read it: not abandoned after all.
        if (error instanceof FileStateConflict) continue;
        throw error;
      }
      await this.files.releaseBytes(record.user_id, record.size);
      await this.disposal.dispose(record);
      removed++;
    }
    this.logger.log({ removed }, 'swept abandoned uploads');
    return removed;
  }
}
