import { Inject, Injectable } from '@nestjs/common';
import type { Schemas } from '@enclave/api-contract';
import { ProblemException, TooManyRequests } from '@enclave/errors';
import {
  ACCESS_LOG_KEEP,
  epochSeconds,
  type FileRecord,
  FilesRepository,
  type ShareAccessEntry,
  type ShareAccessOutcome,
  SharesRepository,
} from '@enclave/metadata';
import { FileStorage } from '@enclave/storage';
import { verifyPassword } from '../password-hash';
import { tokenHash } from '../share-token';
import { shareState } from '../share-view';
import { CLOCK, type Clock, SHARING_SETTINGS, type SharingSettings } from '../sharing-settings';
import type { AccessClient } from './client-address';
import { type ResolvedShare, toPublicShare, whyGone } from './share-outcome';

/** Whose files table key a token that names no share reads instead, so it costs the same. */
const DECOY_USER = 'share-decoy';

/**
 * Anyone holding a link: what it points at, and a fresh short-lived URL for its bytes.
 *
 * An unknown token (404) and a dead share (410) do the same work in the same order, so timing
 * cannot tell them apart: read the share row, read a file row (the share's, or a decoy key),
 * write one conditional update (which, for a hash naming no share, fails without creating
 * anything). The file row is read on every resolution, so no share of a file that was deleted,
 * or is not READY yet, yields a URL even before its shares are revoked.
 *
 * An e-mail share still SENDING resolves: SES may deliver the message before the row is marked
 * SENT, and a share whose message SES refused is deleted, not left SENDING.
 */
@Injectable()
export class ShareResolution {
  constructor(
    private readonly shares: SharesRepository,
    private readonly files: FilesRepository,
    private readonly storage: FileStorage,
    @Inject(SHARING_SETTINGS) private readonly settings: SharingSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The shared file's description; logged as VIEWED. */
  async describe(token: string, client: AccessClient): Promise<Schemas['PublicShare']> {
    const now = this.clock();
    const { hash, share, file } = await this.read(token);
    const refusal = refusalOf(share, file, now);
    await this.record(share, hash, () =>
      this.shares.logAccess(hash, entry(now, refusal ? 'REFUSED' : 'VIEWED', client)),
    );
    if (refusal) throw refusal;
    return toPublicShare(share as ResolvedShare, file as FileRecord);
  }

  /**
   * Counts one download and answers a presigned GET. A password is checked (after taking one of
   * the window's attempts) before anything is counted.
   */
  async download(
    token: string,
    request: Schemas['PublicDownloadRequest'],
    client: AccessClient,
  ): Promise<Schemas['PublicDownloadResponse']> {
    const now = this.clock();
    const hash = tokenHash(token);
    const share = await this.shares.resolve(hash);
    // A dead share answers 410 without asking for its password: it would serve nothing anyway,
    // and skipping scrypt keeps its answer as fast as an unknown token's.
    if (share?.password_hash !== undefined && shareState(share, now) === 'ACTIVE')
      await this.checkPassword(hash, share.password_hash, request.password, client, now);
    const file = await this.fileOf(share, hash);
    const refusal = refusalOf(share, file, now);
    if (refusal) {
      await this.record(share, hash, () =>
        this.shares.logAccess(hash, entry(now, 'REFUSED', client)),
      );
      throw refusal;
    }
    const live = share as ResolvedShare;
    const served = file as FileRecord;
    const counted = await this.record(live, hash, () =>
      this.shares.countDownload(hash, entry(now, 'DOWNLOADED', client), now.toISOString()),
    );
    if (counted === 'REFUSED') {
      // Another request took the last download (or the share ended) since the row was read.
      await this.shares.logAccess(hash, entry(now, 'REFUSED', client));
      throw new ProblemException(
        'gone',
        live.max_downloads !== undefined
          ? 'This share has no downloads left.'
          : 'This share no longer works.',
      );
    }
    const expiresIn = this.urlLifetime(live, now);
    const url = await this.storage.presignGet({
      key: served.object_key,
      fileName: served.file_name,
      contentType: served.content_type,
      disposition: request.disposition ?? 'attachment',
      expiresInSeconds: expiresIn,
    });
    return {
      file_name: served.file_name,
      download_url: url,
      expires_at: new Date(now.getTime() + expiresIn * 1000).toISOString(),
    };
  }

  private async read(token: string) {
    const hash = tokenHash(token);
    const share = await this.shares.resolve(hash);
    return { hash, share, file: await this.fileOf(share, hash) };
  }

  /** The shared file's row; for a token naming no share, a key that holds nothing. */
  private fileOf(share: ResolvedShare | undefined, hash: string) {
    return share ? this.files.get(share.user_id, share.file_id) : this.files.get(DECOY_USER, hash);
  }

  /** One write to the share row, with a trim alongside when its log has grown long. */
  private async record<T>(
    share: ResolvedShare | undefined,
    hash: string,
    write: () => Promise<T>,
  ): Promise<T> {
    if (!share || share.log_length < 2 * ACCESS_LOG_KEEP) return write();
    const [result] = await Promise.all([write(), this.shares.trimAccessLog(hash)]);
    return result;
  }

  /**
   * 401 without a password or with a wrong one (logged), 429 once the window's attempts are
   * used up. The attempt is taken before scrypt runs, so racing guesses cannot overrun it.
   */
  private async checkPassword(
    hash: string,
    passwordHash: string,
    password: string | undefined,
    client: AccessClient,
    now: Date,
  ): Promise<void> {
    if (password === undefined || password === '')
      throw new ProblemException(
        'unauthenticated',
        'This share is protected by a password: password required.',
      );
    const windowSeconds = this.settings.passwordWindowSeconds;
    const nowSeconds = epochSeconds(now);
    const window = Math.floor(nowSeconds / windowSeconds);
    if (!(await this.shares.takePasswordAttempt(hash, window, this.settings.passwordAttempts)))
      throw new TooManyRequests(
        'Too many password attempts for this share; try again later.',
        (window + 1) * windowSeconds - nowSeconds,
      );
    if (!(await verifyPassword(password, passwordHash))) {
      await this.shares.logAccess(hash, entry(now, 'WRONG_PASSWORD', client));
      throw new ProblemException('unauthenticated', 'The password is wrong.');
    }
  }

  /** The configured lifetime, but never past the share's own expiry. */
  private urlLifetime(share: ResolvedShare, now: Date): number {
    const left = Math.floor((Date.parse(share.expires_at) - now.getTime()) / 1000);
    return Math.max(1, Math.min(this.settings.downloadUrlExpiresSeconds, left));
  }
}

function refusalOf(
  share: ResolvedShare | undefined,
  file: FileRecord | undefined,
  now: Date,
): ProblemException | undefined {
  if (!share) return new ProblemException('notFound', 'No share has this link.');
  const gone = whyGone(share, file, now);
  return gone ? new ProblemException('gone', gone) : undefined;
}

function entry(now: Date, outcome: ShareAccessOutcome, client: AccessClient): ShareAccessEntry {
  return { at: now.toISOString(), outcome, ...client };
}
