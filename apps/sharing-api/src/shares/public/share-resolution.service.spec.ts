import { ProblemException, TooManyRequests } from '@enclave/errors';
import {
  ACCESS_LOG_KEEP,
  type FileRecord,
  type FilesRepository,
  type ShareRecord,
  type SharesRepository,
} from '@enclave/metadata';
import type { FileStorage } from '@enclave/storage';
import { hashPassword } from '../password-hash';
import { newShareToken, tokenHash } from '../share-token';
import { resolutionOverFakes, TEST_SETTINGS } from './share-resolution.fakes';
import { ShareResolution } from './share-resolution.service';

const USER = 'user-1';
const FILE_ID = '01900000-0000-7000-8000-000000000001';
const CLIENT = { ip: '203.0.113.0', user_agent: 'curl/8.5.0' };

function readyFile(overrides: Partial<FileRecord> = {}): FileRecord {
  return {
    user_id: USER,
    file_id: FILE_ID,
    file_name: 'report.pdf',
    content_type: 'application/pdf',
    size: 1234,
    status: 'READY',
    object_key: `${USER}/${FILE_ID}`,
    created_at: '2026-11-23T09:00:00.000Z',
    uploaded_at: '2026-11-23T09:00:00.000Z',
    ...overrides,
  };
}

function shareRow(token: string, overrides: Partial<ShareRecord> = {}): ShareRecord {
  return {
    token_hash: tokenHash(token),
    share_id: '01900000-0000-7000-8000-00000000aaaa',
    user_id: USER,
    file_id: FILE_ID,
    file_ref: `${USER}/${FILE_ID}`,
    file_name: 'report.pdf',
    kind: 'LINK',
    created_at: '2026-11-23T09:30:00.000Z',
    expires_at: '2026-11-23T11:00:00.000Z',
    downloads: 0,
    password_protected: false,
    access_log: [],
    log_length: 0,
    purge_at: 0,
    ...overrides,
  };
}

/** A resolution over fakes holding one READY file and one share of it. */
function withShare(share: Partial<ShareRecord> = {}, file: Partial<FileRecord> = {}) {
  const fakes = resolutionOverFakes();
  const token = newShareToken();
  fakes.files.putRow(readyFile(file));
  fakes.shares.rows.set(tokenHash(token), shareRow(token, share));
  const row = () => fakes.shares.rows.get(tokenHash(token)) as ShareRecord;
  return { ...fakes, token, row };
}

/** A small seeded PRNG (mulberry32), so a test that rolls dice rolls the same ones every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A download from memory probes its log with probability 1/ACCESS_LOG_KEEP (Math.random): the
// dice never fire unless a test rolls them, so the calls each test expects leave nothing to chance.
beforeEach(() => {
  jest.spyOn(Math, 'random').mockReturnValue(0.5);
});

afterEach(() => {
  jest.restoreAllMocks();
});

async function failure(promise: Promise<unknown>): Promise<{ status: number; detail: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TooManyRequests) return { status: 429, detail: error.message };
    if (error instanceof ProblemException)
      return { status: error.problem.status, detail: error.problem.detail };
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('ShareResolution.describe', () => {
  it('describes the shared file from its row and logs the view', async () => {
    const { resolution, token, row } = withShare({
      max_downloads: 5,
      downloads: 2,
      message: 'The Q3 numbers',
    });
    await expect(resolution.describe(token, CLIENT)).resolves.toEqual({
      file_name: 'report.pdf',
      size: 1234,
      content_type: 'application/pdf',
      expires_at: '2026-11-23T11:00:00.000Z',
      password_required: false,
      downloads_left: 3,
      shared_by: null,
      message: 'The Q3 numbers',
    });
    expect(row().access_log).toEqual([
      { at: '2026-11-23T10:00:00.000Z', outcome: 'VIEWED', ...CLIENT },
    ]);
    expect(row().last_access_at).toBe('2026-11-23T10:00:00.000Z');
  });

  it('answers 404 for a token naming no share, and writes nothing', async () => {
    const { resolution, shares } = withShare();
    expect(await failure(resolution.describe(newShareToken(), CLIENT))).toMatchObject({
      status: 404,
    });
    expect(shares.rows.size).toBe(1);
  });

  it.each([
    ['expired', { expires_at: '2026-11-23T10:00:00.000Z' }, {}, /expired/],
    [
      'revoked by its owner',
      { revoked_at: '2026-11-23T09:45:00.000Z', revoked_because: 'OWNER' as const },
      {},
      /revoked/,
    ],
    ['used up', { max_downloads: 2, downloads: 2 }, {}, /no downloads left/],
    [
      'of a file whose deletion revoked it',
      { revoked_at: '2026-11-23T09:45:00.000Z', revoked_because: 'FILE_DELETED' as const },
      {},
      /file was deleted/,
    ],
    [
      'of a file deleted before its shares were touched',
      {},
      { status: 'DELETED' as const },
      /file was deleted/,
    ],
    ['of a file still uploading', {}, { status: 'UPLOADING' as const }, /not available/],
  ])('answers 410 naming why for a share %s, logged as refused', async (_, share, file, why) => {
    const { resolution, token, row } = withShare(share, file);
    const answer = await failure(resolution.describe(token, CLIENT));
    expect(answer.status).toBe(410);
    expect(answer.detail).toMatch(why);
    expect(row().access_log.map((e) => e.outcome)).toEqual(['REFUSED']);
  });

  it('answers 410 when the file row is gone altogether', async () => {
    const { resolution, token, files } = withShare();
    files.rows.clear();
    expect((await failure(resolution.describe(token, CLIENT))).status).toBe(410);
  });

  it('resolves an e-mail share whose message may still be on its way (SENDING)', async () => {
    const { resolution, token } = withShare({
      kind: 'EMAIL',
      recipient: 'bob@example.com',
      delivery: 'SENDING',
      shared_by: 'Alice',
    });
    await expect(resolution.describe(token, CLIENT)).resolves.toMatchObject({
      shared_by: 'Alice',
      downloads_left: null,
    });
  });
});

/** What a call costs the tables: a read, or a (conditional) write. */
const costOf = (calls: string[]) =>
  calls
    .map((call) => (call === 'shares.resolve' || call === 'files.get' ? 'read' : 'write'))
    .sort();

describe('ShareResolution answers unknown and dead tokens with the same work', () => {
  const dead = {
    expired: { expires_at: '2026-11-23T09:59:59.000Z' },
    revoked: { revoked_at: '2026-11-23T09:45:00.000Z', revoked_because: 'OWNER' as const },
    'used up': { max_downloads: 1, downloads: 1 },
    'password-protected and expired': {
      expires_at: '2026-11-23T09:59:59.000Z',
      password_protected: true,
      password_hash: 'scrypt$32768$8$3$c2FsdA$a2V5',
    },
  };

  it.each(Object.entries(dead))(
    'a share %s costs the calls an unknown token costs',
    async (_, share) => {
      const { resolution, shares, token } = withShare(share);
      const expected = {
        describe: ['shares.resolve', 'files.get', 'shares.logAccess'],
        // Where a download would be counted, a refusal known already tries a trim instead.
        download: ['shares.resolve', 'files.get', 'shares.trimAccessLog', 'shares.logAccess'],
      };
      for (const call of ['download', 'describe'] as const) {
        shares.calls.length = 0;
        const run = (t: string) =>
          call === 'describe' ? resolution.describe(t, CLIENT) : resolution.download(t, {}, CLIENT);
        expect((await failure(run(newShareToken()))).status).toBe(404);
        const unknown = [...shares.calls];
        shares.calls.length = 0;
        expect((await failure(run(token))).status).toBe(410);
        expect(shares.calls).toEqual(unknown);
        expect(unknown).toEqual(expected[call]);
      }
    },
  );

  it('a deleted file’s live share costs the same calls too', async () => {
    const { resolution, shares, token } = withShare({}, { status: 'DELETED' });
    await failure(resolution.download(newShareToken(), {}, CLIENT));
    const unknown = [...shares.calls];
    shares.calls.length = 0;
    expect((await failure(resolution.download(token, {}, CLIENT))).status).toBe(410);
    expect(shares.calls).toEqual(unknown);
  });

  type Fakes = ReturnType<typeof withShare>;
  it.each([
    ['revoked', ({ row }: Fakes) => void (row().revoked_at = '2026-11-23T10:00:30.000Z')],
    ['used up', ({ row }: Fakes) => void (row().max_downloads = row().downloads)],
    ['of a deleted file', ({ files }: Fakes) => files.putRow(readyFile({ status: 'DELETED' }))],
  ])(
    'a share remembered, then %s, costs the reads and writes an unknown token costs',
    async (_, kill) => {
      const fakes = withShare();
      const { resolution, shares, token } = fakes;
      await resolution.download(token, {}, CLIENT);
      kill(fakes);
      shares.calls.length = 0;
      expect((await failure(resolution.download(newShareToken(), {}, CLIENT))).status).toBe(404);
      const unknown = [...shares.calls];
      shares.calls.length = 0;
      expect((await failure(resolution.download(token, {}, CLIENT))).status).toBe(410);
      // The share row is read after the write here, not before it, but the work is the same.
      expect(costOf(shares.calls)).toEqual(costOf(unknown));
      expect(costOf(unknown)).toEqual(['read', 'read', 'write', 'write']);
    },
  );
});

describe('ShareResolution remembering a share it served', () => {
  /** A share downloaded once, so the resolution remembers it; the calls are cleared. */
  async function remembered(share: Partial<ShareRecord> = {}) {
    const fakes = withShare(share);
    await fakes.resolution.download(fakes.token, {}, CLIENT);
    fakes.shares.calls.length = 0;
    return fakes;
  }

  it('downloads it again reading only the file row, then counting', async () => {
    const { resolution, token, shares, row, storage } = await remembered();
    await expect(resolution.download(token, {}, CLIENT)).resolves.toMatchObject({
      file_name: 'report.pdf',
      expires_at: '2026-11-23T10:05:00.000Z',
    });
    expect(shares.calls).toEqual(['files.get', 'shares.countDownload']);
    expect(row().downloads).toBe(2);
    expect(storage.signedGets).toHaveLength(2);
  });

  it('answers 410 once it is revoked, from the row as it is now, counting nothing', async () => {
    const { resolution, token, shares, row, storage } = await remembered();
    row().revoked_at = '2026-11-23T10:00:30.000Z';
    row().revoked_because = 'OWNER';
    const answer = await failure(resolution.download(token, {}, CLIENT));
    expect(answer).toEqual({ status: 410, detail: 'This share was revoked by its owner.' });
    expect(shares.calls).toEqual([
      'files.get',
      'shares.countDownload',
      'shares.resolve',
      'shares.logAccess',
    ]);
    expect(row().downloads).toBe(1);
    expect(row().access_log.map((e) => e.outcome)).toEqual(['DOWNLOADED', 'REFUSED']);
    expect(storage.signedGets).toHaveLength(1);
  });

  it('answers 410 once its download limit is lowered to what was used', async () => {
    const { resolution, token, row } = await remembered({ max_downloads: 10 });
    row().max_downloads = 1;
    expect(await failure(resolution.download(token, {}, CLIENT))).toEqual({
      status: 410,
      detail: 'This share has no downloads left.',
    });
    expect(row().downloads).toBe(1);
  });

  it('answers 410 once an expiry its owner moved has passed', async () => {
    const { resolution, token, row, clock } = await remembered();
    row().expires_at = '2026-11-23T10:02:00.000Z';
    clock.now = new Date('2026-11-23T10:02:00.000Z');
    const answer = await failure(resolution.download(token, {}, CLIENT));
    expect(answer).toEqual({
      status: 410,
      detail: 'This share expired at 2026-11-23T10:02:00.000Z.',
    });
    expect(row().downloads).toBe(1);
  });

  it('never signs a URL past an expiry its owner brought closer', async () => {
    const { resolution, token, row, shares, storage } = await remembered();
    row().expires_at = '2026-11-23T10:01:00.000Z';
    const answer = await resolution.download(token, {}, CLIENT);
    expect(answer.expires_at).toBe('2026-11-23T10:01:00.000Z');
    expect(storage.signedGets[1]?.expiresInSeconds).toBe(60);
    // The count that asked for a URL's full lifetime was refused; the row said how long is left.
    expect(shares.calls).toEqual([
      'files.get',
      'shares.countDownload',
      'shares.resolve',
      'shares.countDownload',
    ]);
    expect(row().downloads).toBe(2);
  });

  it('signs nothing and counts nothing once its file is deleted, before its shares are revoked', async () => {
    const { resolution, token, files, row, storage, shares } = await remembered();
    files.putRow(readyFile({ status: 'DELETED' }));
    const answer = await failure(resolution.download(token, {}, CLIENT));
    expect(answer).toEqual({ status: 410, detail: 'The shared file was deleted.' });
    expect(shares.calls).not.toContain('shares.countDownload');
    expect(row().downloads).toBe(1);
    expect(storage.signedGets).toHaveLength(1);
  });

  it('answers 404 once its row is gone, and reads the row again next time', async () => {
    const { resolution, token, shares } = await remembered();
    shares.rows.clear();
    expect((await failure(resolution.download(token, {}, CLIENT))).status).toBe(404);
    shares.calls.length = 0;
    expect((await failure(resolution.download(token, {}, CLIENT))).status).toBe(404);
    expect(shares.calls[0]).toBe('shares.resolve');
  });

  it('reads a password-protected share on every download', async () => {
    const { resolution, token, shares } = withShare({
      password_protected: true,
      password_hash: await hashPassword('correct horse'),
    });
    for (let i = 0; i < 2; i++) {
      shares.calls.length = 0;
      await resolution.download(token, { password: 'correct horse' }, CLIENT);
      expect(shares.calls[0]).toBe('shares.resolve');
    }
  });

  it('describes it from the row as it is now', async () => {
    const { resolution, token, row } = await remembered({ max_downloads: 5 });
    row().downloads = 4;
    await expect(resolution.describe(token, CLIENT)).resolves.toMatchObject({ downloads_left: 1 });
  });
});

describe('ShareResolution keeps a log bounded without reading its length', () => {
  it(`holds at most 2 × ${ACCESS_LOG_KEEP} entries after each of 300 downloads in one process`, async () => {
    const { resolution, token, shares, row } = withShare();
    let longest = 0;
    for (let i = 0; i < 300; i++) {
      await resolution.download(token, {}, CLIENT);
      longest = Math.max(longest, row().log_length);
      expect(row().access_log).toHaveLength(row().log_length);
    }
    expect(longest).toBe(2 * ACCESS_LOG_KEEP);
    // A trim each ACCESS_LOG_KEEP downloads once the log is full, and only one read of the row.
    const trims = shares.calls.filter((c) => c === 'shares.trimAccessLog').length;
    expect(trims).toBe(Math.ceil((300 - 2 * ACCESS_LOG_KEEP) / ACCESS_LOG_KEEP));
    expect(shares.calls.filter((c) => c === 'shares.resolve')).toHaveLength(1);
  });

  it('stays bounded when two processes serve the share, each counting only its own appends', async () => {
    const fakes = withShare();
    const other = new ShareResolution(
      fakes.shares as unknown as SharesRepository,
      fakes.files as unknown as FilesRepository,
      fakes.storage as unknown as FileStorage,
      TEST_SETTINGS,
      () => fakes.clock.now,
    );
    let longest = 0;
    for (let i = 0; i < 300; i++) {
      await (i % 2 ? other : fakes.resolution).download(fakes.token, {}, CLIENT);
      longest = Math.max(longest, fakes.row().log_length);
    }
    // Each reckons from the length it read and its own appends, so the log can reach 2 × KEEP per
    // process before either trims; each trim's answer then tells that process the real length.
    expect(longest).toBeLessThanOrEqual(2 * 2 * ACCESS_LOG_KEEP);
    expect(fakes.row().log_length).toBeLessThanOrEqual(2 * ACCESS_LOG_KEEP + 1);
  });

  it('probes the log from memory now and then, alongside the count', async () => {
    const { resolution, token, shares } = withShare();
    await resolution.download(token, {}, CLIENT);
    jest.spyOn(Math, 'random').mockReturnValue(0);
    shares.calls.length = 0;
    await resolution.download(token, {}, CLIENT);
    // A no-op while the log is short; the share stays remembered.
    expect(shares.calls).toEqual(['files.get', 'shares.countDownload', 'shares.trimAccessLog']);
    shares.calls.length = 0;
    await resolution.download(token, {}, CLIENT);
    expect(shares.calls[0]).toBe('files.get');
  });

  it('stays bounded however many processes serve the share, thanks to the probes', async () => {
    // 20 processes take turns at 2000 downloads; each reckons from the length it read and its own
    // appends, and learns the rest from its trims' answers. The dice are seeded, so this run is
    // the same every time (its longest log: 91 entries). Over 300 seeds the longest ranged from
    // 78 to 237 entries (median 107, about 4 × KEEP); with the probes off it reaches 639, and it
    // grows with the number of processes.
    jest.spyOn(Math, 'random').mockImplementation(seededRandom(2026));
    const fakes = withShare();
    const processes = Array.from(
      { length: 20 },
      () =>
        new ShareResolution(
          fakes.shares as unknown as SharesRepository,
          fakes.files as unknown as FilesRepository,
          fakes.storage as unknown as FileStorage,
          TEST_SETTINGS,
          () => fakes.clock.now,
        ),
    );
    let longest = 0;
    for (let i = 0; i < 2000; i++) {
      await (processes[i % processes.length] as ShareResolution).download(fakes.token, {}, CLIENT);
      longest = Math.max(longest, fakes.row().log_length);
      expect(fakes.row().access_log).toHaveLength(fakes.row().log_length);
    }
    expect(fakes.row().downloads).toBe(2000);
    expect(longest).toBeLessThan(10 * ACCESS_LOG_KEEP);
  });

  it('reads the row again after a trim it expected is refused (another process trimmed)', async () => {
    const { resolution, token, shares, row } = withShare({ log_length: 2 * ACCESS_LOG_KEEP - 1 });
    await resolution.download(token, {}, CLIENT);
    // Another process trims meanwhile; this one still reckons the log full.
    row().log_length -= ACCESS_LOG_KEEP;
    shares.calls.length = 0;
    await resolution.download(token, {}, CLIENT);
    expect(shares.calls).toEqual(['files.get', 'shares.countDownload', 'shares.trimAccessLog']);
    shares.calls.length = 0;
    await resolution.download(token, {}, CLIENT);
    expect(shares.calls).toEqual(['shares.resolve', 'files.get', 'shares.countDownload']);
  });
});

describe('ShareResolution.download', () => {
  it('counts the download, logs it and signs a GET for the file as asked', async () => {
    const { resolution, token, row, storage } = withShare();
    const answer = await resolution.download(token, { disposition: 'inline' }, CLIENT);
    expect(answer).toEqual({
      file_name: 'report.pdf',
      download_url: expect.any(String),
      expires_at: '2026-11-23T10:05:00.000Z',
    });
    expect(storage.signedGets).toEqual([
      {
        key: `${USER}/${FILE_ID}`,
        fileName: 'report.pdf',
        contentType: 'application/pdf',
        disposition: 'inline',
        expiresInSeconds: 300,
      },
    ]);
    expect(row().downloads).toBe(1);
    expect(row().access_log).toEqual([
      { at: '2026-11-23T10:00:00.000Z', outcome: 'DOWNLOADED', ...CLIENT },
    ]);
  });

  it('defaults to an attachment', async () => {
    const { resolution, token, storage } = withShare();
    await resolution.download(token, {}, CLIENT);
    expect(storage.signedGets[0]?.disposition).toBe('attachment');
  });

  it('never signs a URL that outlives the share', async () => {
    const { resolution, token, storage } = withShare({ expires_at: '2026-11-23T10:01:00.000Z' });
    const answer = await resolution.download(token, {}, CLIENT);
    expect(storage.signedGets[0]?.expiresInSeconds).toBe(60);
    expect(answer.expires_at).toBe('2026-11-23T10:01:00.000Z');
  });

  it('signs nothing for a share of a deleted file whose row is not revoked yet', async () => {
    const { resolution, token, storage, row } = withShare({}, { status: 'DELETED' });
    expect((await failure(resolution.download(token, {}, CLIENT))).status).toBe(410);
    expect(storage.signedGets).toEqual([]);
    expect(row().downloads).toBe(0);
  });

  it('answers 410 and logs a refusal when another request took the last download', async () => {
    const { resolution, token, shares, row, storage } = withShare({ max_downloads: 1 });
    shares.loseNextCount = true;
    const answer = await failure(resolution.download(token, {}, CLIENT));
    expect(answer).toEqual({ status: 410, detail: 'This share has no downloads left.' });
    expect(row().access_log.map((e) => e.outcome)).toEqual(['REFUSED']);
    expect(storage.signedGets).toEqual([]);
  });

  it('trims the log alongside the write once it holds twice what it keeps', async () => {
    const { resolution, token, shares, row } = withShare({
      log_length: 2 * ACCESS_LOG_KEEP,
      access_log: Array.from({ length: 2 * ACCESS_LOG_KEEP }, (_, i) => ({
        at: `2026-11-23T09:00:00.${String(i).padStart(3, '0')}Z`,
        outcome: 'VIEWED' as const,
      })),
    });
    await resolution.download(token, {}, CLIENT);
    expect(shares.calls).toContain('shares.trimAccessLog');
    expect(row().log_length).toBe(ACCESS_LOG_KEEP + 1);
    expect(row().access_log).toHaveLength(ACCESS_LOG_KEEP + 1);
    expect(row().access_log.at(-1)?.outcome).toBe('DOWNLOADED');
  });

  it('does not trim a log under twice what it keeps', async () => {
    const { resolution, token, shares } = withShare({ log_length: 2 * ACCESS_LOG_KEEP - 1 });
    await resolution.download(token, {}, CLIENT);
    expect(shares.calls).not.toContain('shares.trimAccessLog');
  });
});

describe('ShareResolution.download of a password-protected share', () => {
  let passwordHash: string;
  beforeAll(async () => {
    passwordHash = await hashPassword('correct horse');
  });
  const protectedShare = () => withShare({ password_protected: true, password_hash: passwordHash });

  it('answers 401 "password required" without one, taking no attempt', async () => {
    const { resolution, token, shares, row } = protectedShare();
    const answer = await failure(resolution.download(token, {}, CLIENT));
    expect(answer.status).toBe(401);
    expect(answer.detail).toMatch(/password required/);
    expect(shares.calls).not.toContain('shares.takePasswordAttempt');
    expect(row().downloads).toBe(0);
  });

  it('answers 401 for a wrong one, logged, after taking an attempt', async () => {
    const { resolution, token, shares, row } = protectedShare();
    const answer = await failure(resolution.download(token, { password: 'wrong' }, CLIENT));
    expect(answer).toEqual({ status: 401, detail: 'The password is wrong.' });
    expect(shares.calls).toEqual([
      'shares.resolve',
      'shares.takePasswordAttempt',
      'shares.logAccess',
    ]);
    expect(row().access_log).toEqual([
      { at: '2026-11-23T10:00:00.000Z', outcome: 'WRONG_PASSWORD', ...CLIENT },
    ]);
    expect(row().downloads).toBe(0);
  });

  it('answers 429 once the window’s attempts are used, until the window ends', async () => {
    const { resolution, token, clock } = protectedShare();
    for (let i = 0; i < 3; i++)
      expect((await failure(resolution.download(token, { password: 'x' }, CLIENT))).status).toBe(
        401,
      );
    // 10:00:00 is the start of a 900 s window; 100 s in, 800 s are left.
    clock.now = new Date('2026-11-23T10:01:40.000Z');
    const limited = resolution.download(token, { password: 'correct horse' }, CLIENT);
    await expect(limited).rejects.toBeInstanceOf(TooManyRequests);
    await expect(limited).rejects.toMatchObject({ retryAfterSeconds: 800 });
    clock.now = new Date('2026-11-23T10:15:00.000Z');
    await expect(
      resolution.download(token, { password: 'correct horse' }, CLIENT),
    ).resolves.toMatchObject({ file_name: 'report.pdf' });
  });

  it('downloads with the right one, counting it once', async () => {
    const { resolution, token, row } = protectedShare();
    await expect(
      resolution.download(token, { password: 'correct horse' }, CLIENT),
    ).resolves.toMatchObject({ file_name: 'report.pdf' });
    expect(row().downloads).toBe(1);
    expect(row().access_log.map((e) => e.outcome)).toEqual(['DOWNLOADED']);
  });

  it('tells the page a password is needed', async () => {
    const { resolution, token } = protectedShare();
    await expect(resolution.describe(token, CLIENT)).resolves.toMatchObject({
      password_required: true,
    });
  });
});
