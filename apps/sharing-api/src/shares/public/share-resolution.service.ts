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
import { type RememberedShare, RememberedShares } from './remembered-shares';
import { type ResolvedShare, toPublicShare, whyGone } from './share-outcome';

/** Whose files table key a token that names no share reads instead, so it costs the same. */
const DECOY_USER = 'share-decoy';

/** A read of a share's row, and what this process now remembers of it. */
interface Read {
  share: ResolvedShare | undefined;
  known: RememberedShare | undefined;
}

/**
 * Anyone holding a link: what it points at, and a fresh short-lived URL for its bytes.
 *
 * A download of a share this process remembers (RememberedShares) reads only the file row, then
 * counts in one conditional write; that write is what checks revocation, expiry and the download
 * limit, so an owner's revoke or change counts from the next request on, in every process. The
 * file row is read on every resolution, before anything is counted, so no share of a file that
 * was deleted, or is not READY yet, yields a URL even before its shares are revoked.
 *
 * An unknown token (404) and a dead share (410) cost the same: two reads and two writes. Each
 * refusal reads the share row (first, or after its refused write when the share was remembered),
 * reads a file row (the share's, or a decoy key), writes once where a download would be counted
 * (a refused count, or a trim attempt when the refusal is already known) and logs the refusal
 * (for a hash naming no share both writes fail their conditions and create nothing). A dead share
 * whose remembered expiry has passed takes exactly an unknown token's path.
 *
 * An e-mail share still SENDING resolves: SES may deliver the message before the row is marked
 * SENT, and a share whose message SES refused is deleted, not left SENDING.
 */
@Injectable()
export class ShareResolution {
  private readonly remembered = new RememberedShares();

  constructor(
    private readonly shares: SharesRepository,
    private readonly files: FilesRepository,
    private readonly storage: FileStorage,
    @Inject(SHARING_SETTINGS) private readonly settings: SharingSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The shared file's description, from the row as it is now; logged as VIEWED. */
  async describe(token: string, client: AccessClient): Promise<Schemas['PublicShare']> {
    const now = this.clock();
    const hash = tokenHash(token);
    const { share, known } = await this.read(hash);
    const file = await this.fileOf(known, hash);
    const refusal = refusalOf(share, file, now);
    await this.appending(hash, () =>
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
    const fullLifetime = this.settings.downloadUrlExpiresSeconds;
    const urlEnd = new Date(now.getTime() + fullLifetime * 1000);
    let known = this.remembered.get(hash);
    // The row as read for this request; undefined while memory stands in for it. A password
    // share is read every time: its password is only asked while it works (a dead one answers
    // 410 at once, as fast as an unknown token), and scrypt dwarfs the read anyway. A share
    // remembered to end within a URL's lifetime is read too: it is dead, or its count is only
    // allowed against its real expiry.
    let read: Read | undefined;
    if (!known || known.password_protected || known.expiresAt <= urlEnd.toISOString()) {
      read = await this.read(hash);
      known = read.known;
      const share = read.share;
      if (share?.password_hash !== undefined && shareState(share, now) === 'ACTIVE')
        await this.checkPassword(hash, share.password_hash, request.password, client, now);
    }
    const file = await this.fileOf(known, hash);
    const fileReady = file?.status === 'READY';
    const served = file as FileRecord;

    if (!read && fileReady) {
      // From memory the expiry may have moved since it was read, so the count also asks that the
      // share outlive the URL: a URL never outlives its share.
      if ((await this.count(hash, client, now, urlEnd, true)) === 'COUNTED')
        return this.signed(served, request, now, fullLifetime);
    } else if (read?.share && fileReady && shareState(read.share, now) === 'ACTIVE') {
      const lifetime = this.urlLifetime(read.share, now);
      if ((await this.count(hash, client, now, now, false)) === 'COUNTED')
        return this.signed(served, request, now, lifetime);
    } else {
      // The refusal is known before counting: spend the write a refused count would, so every
      // refusal costs the same. A trim attempt changes nothing while the log is short, and a
      // refused share is where refusals pile up.
      await this.trimBesides(hash);
    }

    const share = read ? read.share : (await this.read(hash)).share;
    if (!read && share && fileReady && shareState(share, now) === 'ACTIVE') {
      // It works now: it ends before a URL of the full lifetime would (its owner moved the
      // expiry), or its limit was raised meanwhile. Count against its real end.
      if ((await this.count(hash, client, now, now, false)) === 'COUNTED')
        return this.signed(served, request, now, this.urlLifetime(share, now));
    }
    await this.appending(hash, () => this.shares.logAccess(hash, entry(now, 'REFUSED', client)));
    // No reason in the row: another request took the last download since it was read.
    throw (
      refusalOf(share, file, now) ??
      new ProblemException(
        'gone',
        share?.max_downloads !== undefined
          ? 'This share has no downloads left.'
          : 'This share no longer works.',
      )
    );
  }

  /** The share row as it is now (without its log), remembered for the next requests. */
  private async read(hash: string): Promise<Read> {
    const share = await this.shares.resolve(hash);
    return { share, known: this.remembered.remember(hash, share) };
  }

  /** The shared file's row; for a token naming no share, a key that holds nothing. */
  private fileOf(share: Pick<ResolvedShare, 'user_id' | 'file_id'> | undefined, hash: string) {
    return share ? this.files.get(share.user_id, share.file_id) : this.files.get(DECOY_USER, hash);
  }

  /** Counts one download while the share works and, at `until`, still will. */
  private count(hash: string, client: AccessClient, now: Date, until: Date, fromMemory: boolean) {
    return this.appending(
      hash,
      () => this.shares.countDownload(hash, entry(now, 'DOWNLOADED', client), until.toISOString()),
      (counted) => counted === 'COUNTED',
      fromMemory,
    );
  }

  private async signed(
    file: FileRecord,
    request: Schemas['PublicDownloadRequest'],
    now: Date,
    expiresIn: number,
  ): Promise<Schemas['PublicDownloadResponse']> {
    const url = await this.storage.presignGet({
      key: file.object_key,
      fileName: file.file_name,
      contentType: file.content_type,
      disposition: request.disposition ?? 'attachment',
      expiresInSeconds: expiresIn,
    });
    return {
      file_name: file.file_name,
      download_url: url,
      expires_at: new Date(now.getTime() + expiresIn * 1000).toISOString(),
    };
  }

  /**
   * One write that appends to the share's log, with a trim alongside once this process reckons
   * the log holds 2 × ACCESS_LOG_KEEP. A download from memory does not read the log's length, so
   * the process counts its own appends (RememberedShare): one process alone keeps the log within
   * 2 × ACCESS_LOG_KEEP plus its requests in flight, with no chance involved. Dice alone (a trim
   * attempt with probability 1/ACCESS_LOG_KEEP per append) would not bound it: such trims remove
   * on average what is appended, so the length would wander freely above 2 × ACCESS_LOG_KEEP.
   *
   * Appends of other processes serving the same link are learnt from each trim's answer (the
   * length it left) and each read of the row. So that a process that never reckons a trim due
   * still learns of them, a download from memory also tries a trim with probability
   * 1/ACCESS_LOG_KEEP (a conditional write alongside the count, a no-op while the log is short):
   * once the log is full, more than m appends pass with no process learning of it with
   * probability (1 − 1/ACCESS_LOG_KEEP)^m, e.g. 4·10⁻⁵ for m = 10 × ACCESS_LOG_KEEP, however many
   * processes there are. Refusals read the row, so they need no such probe.
   */
  private async appending<T>(
    hash: string,
    write: () => Promise<T>,
    appended: (result: T) => boolean = () => true,
    probe = false,
  ): Promise<T> {
    const known = this.remembered.get(hash);
    if (!known) return write();
    const drop = known.claimTrim();
    const trim = drop > 0 || (probe && Math.random() < 1 / ACCESS_LOG_KEEP);
    known.beginAppend();
    const [written, trimmed] = await Promise.allSettled([
      write(),
      trim ? this.shares.trimAccessLog(hash, drop || ACCESS_LOG_KEEP) : Promise.resolve(undefined),
    ]);
    known.endAppend(written.status === 'fulfilled' && appended(written.value));
    // A trim that failed (or a due one that was refused) is for a later request, which reads the
    // row afresh.
    if (trimmed.status === 'rejected' || !known.settleTrim(trimmed.value, drop))
      this.remembered.forget(hash);
    if (written.status === 'rejected') throw written.reason;
    return written.value;
  }

  /** A trim attempt on its own: a conditional write that is a no-op while the log is short. */
  private async trimBesides(hash: string): Promise<void> {
    const known = this.remembered.get(hash);
    const drop = known?.claimTrim() ?? 0;
    const length = await this.shares.trimAccessLog(hash, drop || ACCESS_LOG_KEEP);
    if (known && !known.settleTrim(length, drop)) this.remembered.forget(hash);
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
      await this.appending(hash, () =>
        this.shares.logAccess(hash, entry(now, 'WRONG_PASSWORD', client)),
      );
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
