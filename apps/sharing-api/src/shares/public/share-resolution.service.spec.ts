import { ProblemException, TooManyRequests } from '@enclave/errors';
import { type FileRecord, type ShareRecord } from '@enclave/metadata';
import { hashPassword } from '../password-hash';
import { newShareToken, tokenHash } from '../share-token';
import { resolutionOverFakes } from './share-resolution.fakes';

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
      for (const call of ['describe', 'download'] as const) {
        shares.calls.length = 0;
        const run = (t: string) =>
          call === 'describe' ? resolution.describe(t, CLIENT) : resolution.download(t, {}, CLIENT);
        expect((await failure(run(newShareToken()))).status).toBe(404);
        const unknown = [...shares.calls];
        shares.calls.length = 0;
        expect((await failure(run(token))).status).toBe(410);
        expect(shares.calls).toEqual(unknown);
        expect(unknown).toEqual(['shares.resolve', 'files.get', 'shares.logAccess']);
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
      log_length: 200,
      access_log: Array.from({ length: 200 }, (_, i) => ({
        at: `2026-11-23T09:00:00.${String(i).padStart(3, '0')}Z`,
        outcome: 'VIEWED' as const,
      })),
    });
    await resolution.download(token, {}, CLIENT);
    expect(shares.calls).toContain('shares.trimAccessLog');
    expect(row().log_length).toBe(101);
    expect(row().access_log.at(-1)?.outcome).toBe('DOWNLOADED');
  });

  it('does not trim a log under twice what it keeps', async () => {
    const { resolution, token, shares } = withShare({ log_length: 199 });
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
