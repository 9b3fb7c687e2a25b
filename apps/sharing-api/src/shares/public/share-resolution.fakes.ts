import {
  ACCESS_LOG_KEEP,
  type DownloadCount,
  type FileRecord,
  type FilesRepository,
  type ShareAccessEntry,
  type ShareRecord,
  type SharesRepository,
} from '@enclave/metadata';
import { FakeFilesRepository } from '@enclave/metadata/testing';
import type { FileStorage } from '@enclave/storage';
import { FakeFileStorage } from '@enclave/storage/testing';
import { ShareResolution } from './share-resolution.service';
import type { SharingSettings } from '../sharing-settings';

type ResolutionCalls = Pick<
  SharesRepository,
  'resolve' | 'countDownload' | 'logAccess' | 'trimAccessLog' | 'takePasswordAttempt'
>;

/**
 * The shares table as resolution uses it, in memory, with the repository's conditions (dynalite
 * checks the real ones in the integration spec). `calls` records every table call in order, so a
 * test can compare the work two answers cost.
 */
export class FakeResolutionShares implements ResolutionCalls {
  readonly rows = new Map<string, ShareRecord>();
  readonly calls: string[] = [];
  /** Makes the next countDownload lose its race, as if another request took the last download. */
  loseNextCount = false;

  async resolve(hash: string): Promise<Omit<ShareRecord, 'access_log'> | undefined> {
    this.calls.push('shares.resolve');
    const row = this.rows.get(hash);
    if (!row) return undefined;
    const { access_log: _log, ...rest } = structuredClone(row);
    return rest;
  }

  async countDownload(hash: string, entry: ShareAccessEntry, now: string): Promise<DownloadCount> {
    this.calls.push('shares.countDownload');
    const row = this.rows.get(hash);
    const lost = this.loseNextCount;
    this.loseNextCount = false;
    const usable =
      row !== undefined &&
      row.revoked_at === undefined &&
      row.expires_at > now &&
      (row.max_downloads === undefined || row.downloads < row.max_downloads);
    if (!usable || lost) return 'REFUSED';
    row.downloads++;
    row.last_access_at = entry.at;
    this.append(row, entry);
    return 'COUNTED';
  }

  async logAccess(hash: string, entry: ShareAccessEntry): Promise<void> {
    this.calls.push('shares.logAccess');
    const row = this.rows.get(hash);
    if (!row) return;
    if (entry.outcome === 'VIEWED') row.last_access_at = entry.at;
    this.append(row, entry);
  }

  async trimAccessLog(hash: string, drop = ACCESS_LOG_KEEP): Promise<number | undefined> {
    this.calls.push('shares.trimAccessLog');
    const count = Math.max(ACCESS_LOG_KEEP, Math.min(Math.floor(drop), 4 * ACCESS_LOG_KEEP));
    const row = this.rows.get(hash);
    if (!row || row.log_length < count + ACCESS_LOG_KEEP) return undefined;
    row.access_log.splice(0, count);
    row.log_length -= count;
    return row.log_length;
  }

  async takePasswordAttempt(hash: string, window: number, limit: number): Promise<boolean> {
    this.calls.push('shares.takePasswordAttempt');
    const row = this.rows.get(hash);
    if (!row) return false;
    if (row.pw_window !== window) {
      row.pw_window = window;
      row.pw_attempts = 0;
    }
    if ((row.pw_attempts ?? 0) >= limit) return false;
    row.pw_attempts = (row.pw_attempts ?? 0) + 1;
    return true;
  }

  private append(row: ShareRecord, entry: ShareAccessEntry): void {
    row.access_log.push(entry);
    row.log_length++;
  }
}

/** The files table, recording reads into the same call list as the shares table. */
export class RecordingFiles extends FakeFilesRepository {
  constructor(private readonly calls: string[]) {
    super();
  }

  override async get(userId: string, fileId: string): Promise<FileRecord | undefined> {
    this.calls.push('files.get');
    return super.get(userId, fileId);
  }
}

export const TEST_SETTINGS: SharingSettings = {
  linkBase: 'https://portal.test',
  defaultExpiresSeconds: 3600,
  maxExpiresSeconds: 30 * 86_400,
  downloadUrlExpiresSeconds: 300,
  emailsPerUserPerHour: 100,
  passwordAttempts: 3,
  passwordWindowSeconds: 900,
  retentionSeconds: 90 * 86_400,
};

/** A ShareResolution over the fakes, on a clock the test sets. */
export function resolutionOverFakes(settings: Partial<SharingSettings> = {}) {
  const shares = new FakeResolutionShares();
  const files = new RecordingFiles(shares.calls);
  const storage = new FakeFileStorage();
  const clock = { now: new Date('2026-11-23T10:00:00.000Z') };
  const resolution = new ShareResolution(
    shares as unknown as SharesRepository,
    files as unknown as FilesRepository,
    storage as unknown as FileStorage,
    { ...TEST_SETTINGS, ...settings },
    () => clock.now,
  );
  return { resolution, shares, files, storage, clock };
}
