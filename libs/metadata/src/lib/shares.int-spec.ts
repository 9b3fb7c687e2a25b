import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  ensureTables,
  localCredentials,
  type RunningService,
  startDynamo,
} from '@enclave/local-stack';
import { createHash, randomUUID } from 'node:crypto';
import { ShareStateConflict } from './metadata-errors';
import { fileRef, type ShareAccessEntry, type ShareRecord } from './share-record';
import { ACCESS_LOG_KEEP, SharesRepository } from './shares.repository';
import { sharesTableDefinition } from './table-definitions';

// The shares table against dynalite: every conditional write the sharing service relies on.
const TABLE = 'shares-spec';
let dynamo: RunningService;
let db: DynamoDBDocumentClient;
let shares: SharesRepository;

const NOW = '2026-11-24T12:00:00.000Z';
const LATER = '2026-11-24T13:00:00.000Z';
const EXPIRES = '2026-11-24T12:30:00.000Z';

beforeAll(async () => {
  dynamo = await startDynamo();
  await ensureTables({ endpoint: dynamo.endpoint, tables: [sharesTableDefinition(TABLE)] });
  db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'us-east-1',
      credentials: localCredentials,
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  shares = new SharesRepository(db, {
    region: 'us-east-1',
    filesTable: 'unused',
    sharesTable: TABLE,
  });
});

afterAll(async () => {
  db?.destroy();
  await dynamo?.stop();
});

let sequence = 0;
/** A time-ordered id, as UUIDv7 share ids are: later calls sort after earlier ones. */
const nextShareId = () => `0192${String(++sequence).padStart(8, '0')}-${randomUUID().slice(13)}`;
const newHash = () => createHash('sha256').update(randomUUID()).digest('hex');

function share(overrides: Partial<ShareRecord> = {}): ShareRecord {
  const userId = overrides.user_id ?? randomUUID();
  const fileId = overrides.file_id ?? randomUUID();
  return {
    token_hash: newHash(),
    share_id: nextShareId(),
    user_id: userId,
    file_id: fileId,
    file_ref: fileRef(userId, fileId),
    file_name: 'report.pdf',
    kind: 'LINK',
    shared_by: 'Ada',
    created_at: NOW,
    expires_at: EXPIRES,
    downloads: 0,
    password_protected: false,
    access_log: [],
    log_length: 0,
    purge_at: 1_800_000_000,
    ...overrides,
  };
}

async function stored(overrides: Partial<ShareRecord> = {}): Promise<ShareRecord> {
  const record = share(overrides);
  await shares.create(record);
  return record;
}

/** The raw row, log included, as the table holds it. */
async function row(tokenHash: string): Promise<ShareRecord | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: TABLE, Key: { token_hash: tokenHash }, ConsistentRead: true }),
  );
  return Item as ShareRecord | undefined;
}

const entry = (outcome: ShareAccessEntry['outcome'], at = NOW): ShareAccessEntry => ({
  at,
  outcome,
  ip: '203.0.113.0/24',
  user_agent: 'spec',
});

describe('create and resolve', () => {
  it('resolves a stored share without its access log', async () => {
    const record = await stored({
      password_protected: true,
      password_hash: 'scrypt$…',
      message: 'for you',
    });
    await shares.logAccess(record.token_hash, entry('VIEWED'));
    const resolved = await shares.resolve(record.token_hash);
    const { access_log: _log, ...withoutLog } = record;
    expect(resolved).toEqual({ ...withoutLog, log_length: 1, last_access_at: NOW });
    expect(resolved).not.toHaveProperty('access_log');
  });

  it('answers undefined for a hash that names no share', async () => {
    expect(await shares.resolve(newHash())).toBeUndefined();
  });

  it('refuses to store a second share under the same hash', async () => {
    const record = await stored();
    await expect(shares.create({ ...record, share_id: nextShareId() })).rejects.toThrow();
    expect((await row(record.token_hash))?.share_id).toBe(record.share_id);
  });
});

describe('countDownload', () => {
  it('counts exactly max_downloads of 20 racing downloads, and logs each', async () => {
    const record = await stored({ max_downloads: 3 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        shares.countDownload(record.token_hash, entry('DOWNLOADED'), NOW),
      ),
    );
    expect(results.filter((r) => r === 'COUNTED')).toHaveLength(3);
    expect(results.filter((r) => r === 'REFUSED')).toHaveLength(17);
    const after = await row(record.token_hash);
    expect(after?.downloads).toBe(3);
    expect(after?.access_log.filter((e) => e.outcome === 'DOWNLOADED')).toHaveLength(3);
    expect(after?.log_length).toBe(3);
    expect(after?.last_access_at).toBe(NOW);
  });

  it('refuses a revoked share', async () => {
    const record = await stored();
    await shares.revoke(record.token_hash, NOW, 'OWNER');
    expect(await shares.countDownload(record.token_hash, entry('DOWNLOADED'), NOW)).toBe('REFUSED');
    expect((await row(record.token_hash))?.downloads).toBe(0);
  });

  it('refuses an expired share, and one at the very instant it expires', async () => {
    const record = await stored();
    expect(await shares.countDownload(record.token_hash, entry('DOWNLOADED'), LATER)).toBe(
      'REFUSED',
    );
    expect(await shares.countDownload(record.token_hash, entry('DOWNLOADED'), EXPIRES)).toBe(
      'REFUSED',
    );
    expect((await row(record.token_hash))?.downloads).toBe(0);
  });

  it('counts without limit when the share has no max_downloads', async () => {
    const record = await stored();
    const results = await Promise.all(
      Array.from({ length: 25 }, () =>
        shares.countDownload(record.token_hash, entry('DOWNLOADED'), NOW),
      ),
    );
    expect(results.every((r) => r === 'COUNTED')).toBe(true);
    expect((await row(record.token_hash))?.downloads).toBe(25);
  });

  it('refuses a hash that names no share, and creates no item for it', async () => {
    const hash = newHash();
    expect(await shares.countDownload(hash, entry('DOWNLOADED'), NOW)).toBe('REFUSED');
    expect(await row(hash)).toBeUndefined();
  });
});

describe('the access log', () => {
  it('appends entries in order; only a view moves last_access_at', async () => {
    const record = await stored();
    await shares.logAccess(record.token_hash, entry('VIEWED', '2026-11-24T12:01:00.000Z'));
    await shares.logAccess(record.token_hash, entry('WRONG_PASSWORD', '2026-11-24T12:02:00.000Z'));
    const after = await row(record.token_hash);
    expect(after?.access_log.map((e) => e.outcome)).toEqual(['VIEWED', 'WRONG_PASSWORD']);
    expect(after?.access_log[0]).toEqual(entry('VIEWED', '2026-11-24T12:01:00.000Z'));
    expect(after?.log_length).toBe(2);
    expect(after?.last_access_at).toBe('2026-11-24T12:01:00.000Z');
  });

  it('is a no-op for a hash that names no share: no item appears', async () => {
    const hash = newHash();
    await expect(shares.logAccess(hash, entry('VIEWED'))).resolves.toBeUndefined();
    expect(await row(hash)).toBeUndefined();
  });

  it('trims nothing below twice ACCESS_LOG_KEEP, then keeps the newest ACCESS_LOG_KEEP', async () => {
    const record = await stored();
    const at = (i: number) => new Date(Date.parse(NOW) + i * 1000).toISOString();
    for (let i = 0; i < 2 * ACCESS_LOG_KEEP - 1; i++)
      await shares.logAccess(record.token_hash, entry('VIEWED', at(i)));
    await expect(shares.trimAccessLog(record.token_hash)).resolves.toBeUndefined();
    expect((await row(record.token_hash))?.access_log).toHaveLength(2 * ACCESS_LOG_KEEP - 1);

    await shares.logAccess(record.token_hash, entry('VIEWED', at(2 * ACCESS_LOG_KEEP - 1)));
    // Racing trims: the condition lets one through, so the log is not cut twice; that one
    // answers the length it left.
    const answers = await Promise.all([
      shares.trimAccessLog(record.token_hash),
      shares.trimAccessLog(record.token_hash),
    ]);
    expect(answers.sort()).toEqual([ACCESS_LOG_KEEP, undefined]);
    const after = await row(record.token_hash);
    expect(after?.access_log.map((e) => e.at)).toEqual(
      Array.from({ length: ACCESS_LOG_KEEP }, (_, i) => at(ACCESS_LOG_KEEP + i)),
    );
    expect(after?.log_length).toBe(ACCESS_LOG_KEEP);
  });

  it('drops more at once when the caller knows the log is longer, never leaving under KEEP', async () => {
    const record = await stored();
    const at = (i: number) => new Date(Date.parse(NOW) + i * 1000).toISOString();
    const length = 3 * ACCESS_LOG_KEEP + 5;
    for (let i = 0; i < length; i++)
      await shares.logAccess(record.token_hash, entry('VIEWED', at(i)));
    // One more than the log can spare is refused; what it can spare is dropped, oldest first.
    await expect(
      shares.trimAccessLog(record.token_hash, length - ACCESS_LOG_KEEP + 1),
    ).resolves.toBeUndefined();
    await expect(shares.trimAccessLog(record.token_hash, length - ACCESS_LOG_KEEP)).resolves.toBe(
      ACCESS_LOG_KEEP,
    );
    const after = await row(record.token_hash);
    expect(after?.access_log.map((e) => e.at)).toEqual(
      Array.from({ length: ACCESS_LOG_KEEP }, (_, i) => at(length - ACCESS_LOG_KEEP + i)),
    );
    expect(after?.log_length).toBe(ACCESS_LOG_KEEP);
  });

  it('drops at most 4 × KEEP at a time', async () => {
    const record = await stored();
    const length = 6 * ACCESS_LOG_KEEP;
    for (let i = 0; i < length; i++) await shares.logAccess(record.token_hash, entry('VIEWED'));
    await expect(shares.trimAccessLog(record.token_hash, length)).resolves.toBe(
      length - 4 * ACCESS_LOG_KEEP,
    );
    expect((await row(record.token_hash))?.access_log).toHaveLength(length - 4 * ACCESS_LOG_KEEP);
  });

  it('trimming a hash that names no share creates no item', async () => {
    const hash = newHash();
    await expect(shares.trimAccessLog(hash)).resolves.toBeUndefined();
    expect(await row(hash)).toBeUndefined();
  });
});

describe('takePasswordAttempt', () => {
  it('allows `limit` attempts per window, and a new window starts afresh', async () => {
    const record = await stored({ password_protected: true, password_hash: 'x' });
    const taken: boolean[] = [];
    for (let i = 0; i < 7; i++)
      taken.push(await shares.takePasswordAttempt(record.token_hash, 10, 5));
    expect(taken).toEqual([true, true, true, true, true, false, false]);
    expect(await shares.takePasswordAttempt(record.token_hash, 11, 5)).toBe(true);
    expect(await row(record.token_hash)).toMatchObject({ pw_window: 11, pw_attempts: 1 });
  });

  it('never lets racing attempts exceed the limit, in a fresh window or a running one', async () => {
    const record = await stored({ password_protected: true, password_hash: 'x' });
    const race = (window: number) =>
      Promise.all(
        Array.from({ length: 20 }, () => shares.takePasswordAttempt(record.token_hash, window, 5)),
      );
    expect((await race(1)).filter(Boolean)).toHaveLength(5);
    expect((await race(2)).filter(Boolean)).toHaveLength(5);
    expect(await row(record.token_hash)).toMatchObject({ pw_window: 2, pw_attempts: 5 });
  });

  it('does not let a late attempt from an earlier window reset a newer window', async () => {
    const record = await stored({ password_protected: true, password_hash: 'x' });
    for (let i = 0; i < 5; i++) await shares.takePasswordAttempt(record.token_hash, 8, 5);
    // An instance whose clock lags still counts against the window already running.
    expect(await shares.takePasswordAttempt(record.token_hash, 7, 5)).toBe(false);
    expect(await shares.takePasswordAttempt(record.token_hash, 8, 5)).toBe(false);
    expect(await row(record.token_hash)).toMatchObject({ pw_window: 8, pw_attempts: 5 });
  });

  it('refuses a hash that names no share, and creates no item', async () => {
    const hash = newHash();
    expect(await shares.takePasswordAttempt(hash, 1, 5)).toBe(false);
    expect(await row(hash)).toBeUndefined();
  });
});

describe('the e-mail quota', () => {
  it('reserves up to the limit per hour, gives back released e-mails, and keeps hours apart', async () => {
    const user = randomUUID();
    expect(await shares.reserveEmails(user, 100, 6, 10)).toBe(true);
    expect(await shares.reserveEmails(user, 100, 5, 10)).toBe(false);
    expect(await shares.reserveEmails(user, 100, 4, 10)).toBe(true);
    expect(await shares.reserveEmails(user, 100, 1, 10)).toBe(false);
    await shares.releaseEmails(user, 100, 3);
    expect(await shares.reserveEmails(user, 100, 3, 10)).toBe(true);
    expect(await shares.reserveEmails(user, 100, 1, 10)).toBe(false);
    // The next hour has its own count; other users have theirs.
    expect(await shares.reserveEmails(user, 101, 10, 10)).toBe(true);
    expect(await shares.reserveEmails(randomUUID(), 100, 10, 10)).toBe(true);
  });

  it('refuses a first request that alone exceeds the limit', async () => {
    expect(await shares.reserveEmails(randomUUID(), 100, 11, 10)).toBe(false);
  });

  it('never reserves past the limit when requests race', async () => {
    const user = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => shares.reserveEmails(user, 100, 3, 10)),
    );
    expect(results.filter(Boolean)).toHaveLength(3);
  });

  it('releasing more than was reserved leaves the count alone', async () => {
    const user = randomUUID();
    expect(await shares.reserveEmails(user, 100, 2, 10)).toBe(true);
    await shares.releaseEmails(user, 100, 5);
    expect(await shares.reserveEmails(user, 100, 9, 10)).toBe(false);
    expect(await shares.reserveEmails(user, 100, 8, 10)).toBe(true);
  });

  it('keeps its counters out of share resolution', async () => {
    const user = randomUUID();
    await shares.reserveEmails(user, 100, 1, 10);
    expect(await shares.resolve(`email-quota#${user}#100`)).toBeUndefined();
  });
});

describe('list', () => {
  it("lists a user's shares newest first, page by page, leaving unsent e-mail shares out", async () => {
    const user = randomUUID();
    const fileA = randomUUID();
    const fileB = randomUUID();
    const made: ShareRecord[] = [];
    for (let i = 0; i < 7; i++) {
      const kind = i % 3 === 0 ? 'EMAIL' : 'LINK';
      made.push(
        await stored({
          user_id: user,
          file_id: i % 2 ? fileA : fileB,
          kind,
          ...(kind === 'EMAIL'
            ? { recipient: `r${i}@example.com`, delivery: i === 3 ? 'SENDING' : 'SENT' }
            : {}),
        }),
      );
    }
    await stored(); // someone else's
    const visible = made.filter((s) => s.delivery !== 'SENDING').reverse();

    const ids: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await shares.list(user, { limit: 2, afterShareId: after });
      expect(page.shares.length).toBeLessThanOrEqual(2);
      ids.push(...page.shares.map((s) => s.share_id));
      after = page.lastShareId;
      pages++;
    } while (after && pages < 10);
    expect(ids).toEqual(visible.map((s) => s.share_id));

    const all = await shares.list(user, { limit: 50 });
    expect(all.lastShareId).toBeUndefined();
    // Listings carry summaries: never the log, the password hash or the message.
    for (const summary of all.shares) {
      expect(summary).not.toHaveProperty('access_log');
      expect(summary).not.toHaveProperty('password_hash');
      expect(summary.user_id).toBe(user);
    }
  });

  it("lists one file's shares newest first, with paging", async () => {
    const user = randomUUID();
    const file = randomUUID();
    const ofFile: ShareRecord[] = [];
    for (let i = 0; i < 5; i++) {
      ofFile.push(await stored({ user_id: user, file_id: file }));
      await stored({ user_id: user }); // another file of theirs
    }
    // Another user's file with the same id is not theirs.
    await stored({ file_id: file });
    const first = await shares.list(user, { fileId: file, limit: 3 });
    expect(first.shares.map((s) => s.share_id)).toEqual(
      ofFile
        .slice(2)
        .reverse()
        .map((s) => s.share_id),
    );
    expect(first.lastShareId).toBe(ofFile[2]?.share_id);
    const second = await shares.list(user, {
      fileId: file,
      limit: 3,
      afterShareId: first.lastShareId,
    });
    expect(second.shares.map((s) => s.share_id)).toEqual(
      ofFile
        .slice(0, 2)
        .reverse()
        .map((s) => s.share_id),
    );
    expect(second.lastShareId).toBeUndefined();
  });

  it('fills a page past unsent e-mail shares', async () => {
    const user = randomUUID();
    const sent = await stored({ user_id: user });
    for (let i = 0; i < 5; i++)
      await stored({
        user_id: user,
        kind: 'EMAIL',
        recipient: 'x@example.com',
        delivery: 'SENDING',
      });
    const page = await shares.list(user, { limit: 2 });
    expect(page.shares.map((s) => s.share_id)).toEqual([sent.share_id]);
    expect(page.lastShareId).toBeUndefined();
  });
});

describe('an e-mail share being sent', () => {
  it('is listed once markSent, and is gone after delete', async () => {
    const user = randomUUID();
    const sending = await stored({
      user_id: user,
      kind: 'EMAIL',
      recipient: 'bob@example.com',
      delivery: 'SENDING',
    });
    expect((await shares.list(user, { limit: 10 })).shares).toEqual([]);
    await shares.markSent(sending.token_hash);
    expect((await shares.list(user, { limit: 10 })).shares.map((s) => s.share_id)).toEqual([
      sending.share_id,
    ]);
    await shares.delete(sending.token_hash);
    expect(await row(sending.token_hash)).toBeUndefined();
    expect((await shares.list(user, { limit: 10 })).shares).toEqual([]);
  });
});

describe('findOwned', () => {
  it("finds the owner's share with its log, and never another user's", async () => {
    const record = await stored();
    await shares.logAccess(record.token_hash, entry('VIEWED'));
    const found = await shares.findOwned(record.user_id, record.share_id);
    expect(found).toMatchObject({ token_hash: record.token_hash, log_length: 1 });
    expect(found?.access_log).toEqual([entry('VIEWED')]);
    expect(await shares.findOwned(randomUUID(), record.share_id)).toBeUndefined();
    expect(await shares.findOwned(record.user_id, nextShareId())).toBeUndefined();
  });
});

describe('revoke', () => {
  it('revokes once: repeating it keeps the first revocation', async () => {
    const record = await stored();
    const first = await shares.revoke(record.token_hash, NOW, 'OWNER');
    expect(first).toMatchObject({ revoked_at: NOW, revoked_because: 'OWNER' });
    const again = await shares.revoke(record.token_hash, LATER, 'FILE_DELETED');
    expect(again).toMatchObject({ revoked_at: NOW, revoked_because: 'OWNER' });
    expect(await row(record.token_hash)).toMatchObject({
      revoked_at: NOW,
      revoked_because: 'OWNER',
    });
  });

  it('revokes every share of one file, only that file, and repeats harmlessly', async () => {
    const user = randomUUID();
    const file = randomUUID();
    const ofFile = [
      await stored({ user_id: user, file_id: file }),
      await stored({ user_id: user, file_id: file }),
    ];
    const alreadyRevoked = await stored({ user_id: user, file_id: file });
    await shares.revoke(alreadyRevoked.token_hash, NOW, 'OWNER');
    const otherFile = await stored({ user_id: user });
    const otherUser = await stored({ file_id: file });

    expect(await shares.revokeAllOfFile(user, file, LATER)).toBe(2);
    for (const s of ofFile)
      expect(await row(s.token_hash)).toMatchObject({
        revoked_at: LATER,
        revoked_because: 'FILE_DELETED',
      });
    expect(await row(alreadyRevoked.token_hash)).toMatchObject({ revoked_because: 'OWNER' });
    expect((await row(otherFile.token_hash))?.revoked_at).toBeUndefined();
    expect((await row(otherUser.token_hash))?.revoked_at).toBeUndefined();
    expect(await shares.revokeAllOfFile(user, file, LATER)).toBe(0);
  });
});

describe('change', () => {
  it('moves the expiry and its purge time', async () => {
    const record = await stored();
    const changed = await shares.change(record.token_hash, {
      expiresAt: LATER,
      purgeAt: 1_900_000_000,
    });
    expect(changed).toMatchObject({ expires_at: LATER, purge_at: 1_900_000_000 });
    expect(await shares.countDownload(record.token_hash, entry('DOWNLOADED'), EXPIRES)).toBe(
      'COUNTED',
    );
  });

  it('sets a download limit, and null removes it', async () => {
    const record = await stored({ downloads: 2 });
    expect(await shares.change(record.token_hash, { maxDownloads: 2 })).toMatchObject({
      max_downloads: 2,
    });
    expect(await shares.countDownload(record.token_hash, entry('DOWNLOADED'), NOW)).toBe('REFUSED');
    const unlimited = await shares.change(record.token_hash, { maxDownloads: null });
    expect(unlimited).not.toHaveProperty('max_downloads');
    expect(await shares.countDownload(record.token_hash, entry('DOWNLOADED'), NOW)).toBe('COUNTED');
  });

  it('refuses to change a revoked share: ShareStateConflict, row untouched', async () => {
    const record = await stored();
    await shares.revoke(record.token_hash, NOW, 'OWNER');
    await expect(
      shares.change(record.token_hash, { expiresAt: LATER, purgeAt: 1_900_000_000 }),
    ).rejects.toBeInstanceOf(ShareStateConflict);
    await expect(shares.change(record.token_hash, { maxDownloads: 9 })).rejects.toBeInstanceOf(
      ShareStateConflict,
    );
    expect(await row(record.token_hash)).toMatchObject({ expires_at: EXPIRES });
    expect((await row(record.token_hash))?.max_downloads).toBeUndefined();
  });

  it('moves the expiry alone when no purge time is given', async () => {
    const record = await stored();
    expect(await shares.change(record.token_hash, { expiresAt: LATER })).toMatchObject({
      expires_at: LATER,
      purge_at: record.purge_at,
    });
  });

  it('answers the row unchanged for an empty change, and conflicts once revoked', async () => {
    const record = await stored();
    expect(await shares.change(record.token_hash, {})).toMatchObject({
      share_id: record.share_id,
      expires_at: EXPIRES,
    });
    await shares.revoke(record.token_hash, NOW, 'OWNER');
    await expect(shares.change(record.token_hash, {})).rejects.toBeInstanceOf(ShareStateConflict);
  });

  it('refuses to change a hash that names no share, and creates no item', async () => {
    const hash = newHash();
    await expect(shares.change(hash, { maxDownloads: 3 })).rejects.toBeInstanceOf(
      ShareStateConflict,
    );
    expect(await row(hash)).toBeUndefined();
  });
});
