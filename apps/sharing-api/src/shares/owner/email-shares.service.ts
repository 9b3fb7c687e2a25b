import { Inject, Injectable } from '@nestjs/common';
import type { Schemas } from '@enclave/api-contract';
import type { AuthenticatedUser } from '@enclave/auth-guard';
import { DependencyUnavailable, DomainError } from '@enclave/errors';
import { Mailer } from '@enclave/mailer';
import { type FileRecord, FilesRepository, SharesRepository } from '@enclave/metadata';
import { toShare } from '../share-view';
import { CLOCK, type Clock, SHARING_SETTINGS, type SharingSettings } from '../sharing-settings';
import { reserveShareEmails } from './email-quota';
import { type ShareExpiry, shareExpiry } from './expiry';
import { type NewShare, newShare, shareUrl } from './new-share';
import { readyFile } from './ready-file';
import { composeShareEmail } from './share-email';

type ShareByEmailRequest = Schemas['ShareByEmailRequest'];

/** SES did not take this share's message: it was never announced. */
class NotSent {
  constructor(readonly error: unknown) {}
}

/**
 * E-mail shares: one share (own token) per recipient, so each person's access is revocable on
 * its own. A share is stored as SENDING before its message goes out and marked SENT after, so a
 * share whose e-mail failed is never listed; those rows are removed and their quota given back.
 */
@Injectable()
export class EmailShares {
  constructor(
    private readonly files: FilesRepository,
    private readonly shares: SharesRepository,
    private readonly mailer: Mailer,
    @Inject(SHARING_SETTINGS) private readonly settings: SharingSettings,
    @Inject(CLOCK) private readonly now: Clock,
  ) {}

  async share(
    owner: AuthenticatedUser,
    fileId: string,
    request: ShareByEmailRequest,
  ): Promise<Schemas['ShareByEmailResponse']> {
    const userId = owner.user_id;
    const now = this.now();
    const file = await readyFile(this.files, userId, fileId);
    const expiry = shareExpiry(request.expires_in, this.settings, now);
    const recipients = request.share_with;
    const limit = this.settings.emailsPerUserPerHour;
    const hour = await reserveShareEmails(this.shares, userId, recipients.length, limit, now);

    let pending: NewShare[];
    try {
      pending = await this.store(owner, file, recipients, request.message, expiry, now);
    } catch (error) {
      await this.shares.releaseEmails(userId, hour, recipients.length).catch(() => undefined);
      throw error;
    }

    const outcomes = await Promise.allSettled(
      pending.map((share) => this.deliver(owner, file, share, request.message)),
    );
    const unsent = pending.filter((_, i) => isNotSent(outcomes[i]));
    if (unsent.length > 0) {
      await this.forget(unsent);
      await this.shares.releaseEmails(userId, hour, unsent.length).catch(() => undefined);
    }
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw asOutage(failure.reason);

    return {
      file_id: file.file_id,
      file_name: file.file_name,
      status: 'SHARED',
      shares: pending.map(({ record }) => toShare({ ...record, delivery: 'SENT' }, now)),
    };
  }

  /** One SENDING share per recipient; if any cannot be stored, none is left behind. */
  private async store(
    owner: AuthenticatedUser,
    file: FileRecord,
    recipients: readonly string[],
    message: string | undefined,
    expiry: ShareExpiry,
    now: Date,
  ): Promise<NewShare[]> {
    const pending = recipients.map((recipient) =>
      newShare(file, now, expiry, {
        kind: 'EMAIL',
        recipient,
        message,
        shared_by: owner.name ?? undefined,
        delivery: 'SENDING',
      }),
    );
    const created = await Promise.allSettled(
      pending.map(({ record }) => this.shares.create(record)),
    );
    const failure = created.find((outcome) => outcome.status === 'rejected');
    if (failure) {
      await this.forget(pending.filter((_, i) => created[i]?.status === 'fulfilled'));
      throw failure.reason;
    }
    return pending;
  }

  /** Sends one recipient's e-mail, then records that it went (NotSent when SES refused it). */
  private async deliver(
    owner: AuthenticatedUser,
    file: FileRecord,
    { token, record }: NewShare,
    message: string | undefined,
  ): Promise<void> {
    const mail = composeShareEmail({
      to: record.recipient as string,
      senderName: owner.name ?? owner.email ?? '',
      replyTo: owner.email ?? undefined,
      fileName: file.file_name,
      size: file.size,
      expiresAt: record.expires_at,
      url: shareUrl(this.settings.linkBase, token),
      message,
    });
    try {
      await this.mailer.send(mail);
    } catch (error) {
      throw new NotSent(error);
    }
    await this.shares.markSent(record.token_hash);
  }

  /**
   * Removes shares that were never announced. Best effort: a row left behind stays SENDING,
   * which no listing shows, and the table's TTL purges it.
   */
  private async forget(shares: readonly NewShare[]): Promise<void> {
    await Promise.allSettled(shares.map(({ record }) => this.shares.delete(record.token_hash)));
  }
}

function isNotSent(outcome: PromiseSettledResult<void> | undefined): boolean {
  return outcome?.status === 'rejected' && outcome.reason instanceof NotSent;
}

/** What the caller is answered: SES's own error (503 when down), or an outage when unnamed. */
function asOutage(reason: unknown): unknown {
  const error = reason instanceof NotSent ? reason.error : reason;
  return error instanceof DomainError || !(reason instanceof NotSent)
    ? error
    : new DependencyUnavailable('SES', error);
}
