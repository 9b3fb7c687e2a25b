import { DependencyUnavailable, ProblemException, TooManyRequests } from '@enclave/errors';
import type { Mailer } from '@enclave/mailer';
import { FakeMailer } from '@enclave/mailer/testing';
import type { FileRecord, FilesRepository } from '@enclave/metadata';
import { tokenHash } from '../share-token';
import { EmailShares } from './email-shares.service';
import { FakeShareRows, filesWith, OWNER, SETTINGS } from './owner-shares.fakes';

const NOW = new Date('2026-11-23T10:15:00.000Z');

async function setUp(status: FileRecord['status'] = 'READY') {
  const { files, file } = await filesWith(status);
  const shares = new FakeShareRows();
  const mailer = new FakeMailer();
  const service = new EmailShares(
    files as unknown as FilesRepository,
    shares.asRepository(),
    mailer as unknown as Mailer,
    SETTINGS,
    () => NOW,
  );
  const emailsThisHour = () =>
    shares.emailsSent.get(`${OWNER.user_id}#${Math.floor(NOW.getTime() / 3600_000)}`) ?? 0;
  return { service, shares, mailer, file, emailsThisHour };
}

function tokenIn(text: string): string {
  const match = /\/s\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no link in ${text}`);
  return match[1];
}

describe('EmailShares', () => {
  it('sends each recipient their own link, from the owner, and stores each share as SENT', async () => {
    const { service, shares, mailer, file, emailsThisHour } = await setUp();
    const answer = await service.share(OWNER, file.file_id, {
      share_with: ['bob@example.test', 'carol@example.test'],
      message: 'Here <b>it</b> is',
    });

    expect(answer).toMatchObject({
      file_id: file.file_id,
      file_name: 'report.pdf',
      status: 'SHARED',
    });
    expect(answer.shares.map((s) => s.recipient)).toEqual([
      'bob@example.test',
      'carol@example.test',
    ]);
    expect(mailer.sent.map((m) => m.to)).toEqual(['bob@example.test', 'carol@example.test']);
    const tokens = mailer.sent.map((m) => tokenIn(m.text));
    expect(new Set(tokens).size).toBe(2);
    for (const mail of mailer.sent) {
      expect(mail.replyTo).toBe('alice@example.test');
      expect(mail.subject).toBe('Alice Example shared “report.pdf” with you');
      expect(mail.text).toContain('2 MiB');
      expect(mail.html).toContain('Here &lt;b&gt;it&lt;/b&gt; is');
      expect(mail.text).toContain(`http://portal.test/s/${tokenIn(mail.text)}`);
    }
    // Only the tokens' hashes are stored, one row per recipient, marked as sent.
    for (const token of tokens) {
      const row = shares.rows.get(tokenHash(token));
      expect(row).toMatchObject({
        kind: 'EMAIL',
        delivery: 'SENT',
        downloads: 0,
        access_log: [],
        log_length: 0,
        password_protected: false,
        shared_by: 'Alice Example',
        file_ref: `${OWNER.user_id}/${file.file_id}`,
        message: 'Here <b>it</b> is',
        expires_at: '2026-11-23T11:15:00.000Z',
      });
      expect(JSON.stringify(row)).not.toContain(token);
    }
    for (const share of answer.shares)
      expect(share).toMatchObject({ state: 'ACTIVE', downloads: 0 });
    expect(emailsThisHour()).toBe(2);
  });

  it('keeps the share for its retention after expiry, then lets TTL purge it', async () => {
    const { service, shares, file } = await setUp();
    await service.share(OWNER, file.file_id, {
      share_with: ['bob@example.test'],
      expires_in: 7200,
    });
    const [row] = [...shares.rows.values()];
    expect(row?.expires_at).toBe('2026-11-23T12:15:00.000Z');
    expect(row?.purge_at).toBe(
      Date.parse('2026-11-23T12:15:00.000Z') / 1000 + SETTINGS.retentionSeconds,
    );
  });

  it.each([
    ['an uploading file', 'UPLOADING' as const, 409],
    ['a deleted file', 'DELETED' as const, 404],
  ])('refuses %s and sends nothing', async (_, status, code) => {
    const { service, shares, mailer, file, emailsThisHour } = await setUp(status);
    const refusal = service.share(OWNER, file.file_id, { share_with: ['bob@example.test'] });
    await expect(refusal).rejects.toMatchObject({ problem: { status: code } });
    expect(mailer.sent).toHaveLength(0);
    expect(shares.rows.size).toBe(0);
    expect(emailsThisHour()).toBe(0);
  });

  it('refuses an unknown file with 404', async () => {
    const { service, mailer } = await setUp();
    const refusal = service.share(OWNER, '01900000-0000-7000-8000-00000000ffff', {
      share_with: ['bob@example.test'],
    });
    await expect(refusal).rejects.toMatchObject({ problem: { status: 404 } });
    expect(mailer.sent).toHaveLength(0);
  });

  it('refuses an expiry past the deployment maximum, naming body.expires_in', async () => {
    const { service, mailer, file, emailsThisHour } = await setUp();
    const refusal = service.share(OWNER, file.file_id, {
      share_with: ['bob@example.test'],
      expires_in: SETTINGS.maxExpiresSeconds + 1,
    });
    await expect(refusal).rejects.toBeInstanceOf(ProblemException);
    await expect(refusal).rejects.toMatchObject({
      problem: { status: 400, errors: [{ field: 'body.expires_in' }] },
    });
    expect(mailer.sent).toHaveLength(0);
    expect(emailsThisHour()).toBe(0);
  });

  it('refuses past the hourly quota with Retry-After = the rest of the hour, sending nothing', async () => {
    const { service, shares, mailer, file } = await setUp();
    await service.share(OWNER, file.file_id, {
      share_with: ['a@example.test', 'b@example.test', 'c@example.test'],
    });
    const refusal = service.share(OWNER, file.file_id, {
      share_with: ['d@example.test', 'e@example.test', 'f@example.test'],
    });
    await expect(refusal).rejects.toBeInstanceOf(TooManyRequests);
    // 10:15:00 → the hour ends at 11:00:00.
    await expect(refusal).rejects.toMatchObject({ retryAfterSeconds: 45 * 60 });
    expect(mailer.sent).toHaveLength(3);
    expect(shares.rows.size).toBe(3);
  });

  it('when SES is down: 503, no share left behind and the quota given back', async () => {
    const { service, shares, mailer, file, emailsThisHour } = await setUp();
    mailer.down = true;
    const refusal = service.share(OWNER, file.file_id, {
      share_with: ['bob@example.test', 'carol@example.test'],
    });
    await expect(refusal).rejects.toBeInstanceOf(DependencyUnavailable);
    await expect(refusal).rejects.toMatchObject({ dependency: 'SES' });
    expect(shares.rows.size).toBe(0);
    expect(emailsThisHour()).toBe(0);
  });

  it('when one message fails: 503; only the sent share stays, and only its e-mail counts', async () => {
    const { service, shares, mailer, file, emailsThisHour } = await setUp();
    mailer.failFor.add('carol@example.test');
    const refusal = service.share(OWNER, file.file_id, {
      share_with: ['bob@example.test', 'carol@example.test'],
    });
    await expect(refusal).rejects.toBeInstanceOf(DependencyUnavailable);
    expect([...shares.rows.values()].map((r) => [r.recipient, r.delivery])).toEqual([
      ['bob@example.test', 'SENT'],
    ]);
    expect(emailsThisHour()).toBe(1);
  });

  it("uses the owner's address as the sender name when the auth service knows no name", async () => {
    const { service, shares, mailer, file } = await setUp();
    await service.share({ ...OWNER, name: null }, file.file_id, {
      share_with: ['bob@example.test'],
    });
    expect(mailer.sent[0]?.subject).toBe('alice@example.test shared “report.pdf” with you');
    expect([...shares.rows.values()][0]?.shared_by).toBeUndefined();
  });
});
