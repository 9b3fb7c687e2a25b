import type { Schemas } from '@enclave/api-contract';
import { ACCESS_LOG_KEEP, FilesRepository, SharesRepository } from '@enclave/metadata';
import { type SharingStack, startSharingStack } from '../../testing/sharing-stack.fixture';
import { tokenHash } from '../share-token';

// A download of a share that sharing-api remembers reads no share row: these tests make it
// remember one (a first download), change the share behind its back the way owners and removals
// do, and check that the next download goes by the share as it is now. Against the local stack:
// sharing-api in-process behind the gateway, uploads-api's bundle, dynalite, s3rver.

let sharing: SharingStack;
let shares: SharesRepository;
let files: FilesRepository;
let owner: Awaited<ReturnType<SharingStack['newUser']>>;

type Answer = Schemas['PublicDownloadResponse'] & Schemas['Problem'];

async function download(token: string): Promise<{ status: number; body: Answer }> {
  const response = await fetch(`${sharing.gateway.endpoint}/v1/shares/${token}/download`, {
    method: 'POST',
  });
  const body = (await response.json()) as Answer;
  // No request here may ever be answered with a 5xx.
  if (response.status >= 500) throw new Error(`download answered ${response.status}`);
  return { status: response.status, body };
}

/** A READY file of the owner's, shared by link through the owner's API. */
async function sharedFile(link: Schemas['CreateShareLinkRequest'] = {}) {
  const fileId = await sharing.upload(owner, new Uint8Array(1024));
  const { data, response } = await owner.api.POST('/v1/users/{user_id}/files/{file_id}/links', {
    params: { path: { user_id: owner.user.user_id, file_id: fileId } },
    body: link,
  });
  expect(response.status).toBe(201);
  const created = data as Schemas['ShareLinkResponse'];
  const shareParams = { path: { user_id: owner.user.user_id, share_id: created.share_id } };
  return {
    fileId,
    token: created.token,
    change: (body: Schemas['UpdateShareRequest']) =>
      owner.api.PATCH('/v1/users/{user_id}/shares/{share_id}', { params: shareParams, body }),
    revoke: () =>
      owner.api.DELETE('/v1/users/{user_id}/shares/{share_id}', { params: shareParams }),
  };
}

/** A share whose first download went through, so sharing-api now remembers it. */
async function rememberedShare(link: Schemas['CreateShareLinkRequest'] = {}) {
  const share = await sharedFile(link);
  expect((await download(share.token)).status).toBe(200);
  return share;
}

async function downloadsOf(token: string): Promise<number | undefined> {
  return (await shares.resolve(tokenHash(token)))?.downloads;
}

beforeAll(async () => {
  sharing = await startSharingStack();
  shares = sharing.sharing.get(SharesRepository);
  files = sharing.sharing.get(FilesRepository);
  owner = await sharing.newUser();
}, 60_000);

afterAll(async () => {
  await sharing?.stop();
});

describe('a share sharing-api remembers', () => {
  it('downloads again while nothing changed', async () => {
    const { token } = await rememberedShare();
    expect((await download(token)).status).toBe(200);
    expect(await downloadsOf(token)).toBe(2);
  });

  it('answers 410 once its owner revokes it', async () => {
    const { token, revoke } = await rememberedShare();
    expect((await revoke()).response.status).toBe(200);
    const answer = await download(token);
    expect(answer.status).toBe(410);
    expect(answer.body.detail).toMatch(/revoked by its owner/);
    expect(await downloadsOf(token)).toBe(1);
  });

  it('never signs a URL past an expiry its owner shortened, and answers 410 once it passed', async () => {
    const { token, change } = await rememberedShare({ expires_in: 86_400 });
    const changed = await change({ expires_in: 60 });
    expect(changed.response.status).toBe(200);
    const expiresAt = (changed.data as Schemas['Share']).expires_at;

    const last = await download(token);
    expect(last.status).toBe(200);
    expect(Date.parse(last.body.expires_at)).toBeLessThanOrEqual(Date.parse(expiresAt));

    sharing.clock.advance(61);
    const answer = await download(token);
    expect(answer.status).toBe(410);
    expect(answer.body.detail).toMatch(/expired/);
    expect(await downloadsOf(token)).toBe(2);
  });

  it('answers 410 once its owner lowers max_downloads to what was used, and counts again once raised', async () => {
    const { token, change } = await rememberedShare({ max_downloads: 5 });
    expect((await change({ max_downloads: 1 })).response.status).toBe(200);
    const answer = await download(token);
    expect(answer.status).toBe(410);
    expect(answer.body.detail).toMatch(/no downloads left/);
    expect(await downloadsOf(token)).toBe(1);

    expect((await change({ max_downloads: null })).response.status).toBe(200);
    expect((await download(token)).status).toBe(200);
  });

  it('answers 410 once its file is deleted through the uploads API', async () => {
    const { token, fileId } = await rememberedShare();
    const deleted = await owner.api.DELETE('/v1/users/{user_id}/files/{file_id}', {
      params: { path: { user_id: owner.user.user_id, file_id: fileId } },
    });
    expect(deleted.response.status).toBe(200);
    const answer = await download(token);
    expect(answer.status).toBe(410);
    expect(answer.body.detail).toMatch(/file was deleted/);
    expect(await downloadsOf(token)).toBe(1);
  });

  it('answers 410 once its file row is DELETED, before any share row is touched', async () => {
    const { token, fileId } = await rememberedShare();
    await files.markDeleted(owner.user.user_id, fileId, new Date().toISOString());
    const answer = await download(token);
    expect(answer.status).toBe(410);
    expect(answer.body.detail).toMatch(/file was deleted/);
    expect(await downloadsOf(token)).toBe(1);
  });

  it('answers 404 once its row is gone', async () => {
    const { token } = await rememberedShare();
    // As a share whose e-mail SES refused is removed, or the table's TTL purges one.
    await shares.delete(tokenHash(token));
    expect((await download(token)).status).toBe(404);
  });

  it('keeps its access log bounded over 300 downloads, 10 at a time', async () => {
    const { token } = await rememberedShare();
    const batch = 10;
    // Trimming counts appends instead of reading the log's length, so this bound does not rest
    // on chance (the random probes only ever remove entries): one process's reckoning never
    // exceeds the log and falls short of it by at most the appends in flight (≤ batch); a trim
    // is due once the reckoning reaches 2 × KEEP, and a batch's requests all start before any
    // lands. So the log never holds more than 2 × KEEP − 1 + 2 × batch entries after a batch.
    const bound = 2 * ACCESS_LOG_KEEP - 1 + 2 * batch;
    let longest = 0;
    for (let done = 1; done < 300; done += batch) {
      const answers = await Promise.all(Array.from({ length: batch }, () => download(token)));
      expect(answers.map((a) => a.status)).toEqual(Array<number>(batch).fill(200));
      const row = await shares.resolve(tokenHash(token));
      longest = Math.max(longest, row?.log_length ?? Infinity);
    }
    expect(longest).toBeLessThanOrEqual(bound);
    const row = await shares.resolve(tokenHash(token));
    expect(row?.downloads).toBe(301);
    const detail = await owner.api.GET('/v1/users/{user_id}/shares/{share_id}', {
      params: { path: { user_id: owner.user.user_id, share_id: row?.share_id as string } },
    });
    const log = (detail.data as Schemas['ShareDetail']).access_log;
    expect(log.length).toBe(row?.log_length);
    expect(log.length).toBeGreaterThanOrEqual(ACCESS_LOG_KEEP);
    expect(log.every((e) => e.outcome === 'DOWNLOADED')).toBe(true);
  });
});
