import type { EnclaveClient, Schemas } from '@enclave/api-contract';
import type { TestUser } from '@enclave/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { type SharingStack, startSharingStack } from './testing/sharing-stack.fixture';

// The owner's side of sharing through the gateway, against the local stack: links, listing,
// paging, one share's log, changing expiry, revoking, and that none of it reaches another user.
type Who = { user: TestUser; api: EnclaveClient };

let s: SharingStack;
let alice: Who;
let bob: Who;
let report: string;
let other: string;

const someone = (name: string) => `${name}-${randomUUID()}@example.test`;

beforeAll(async () => {
  s = await startSharingStack();
  [alice, bob] = await Promise.all([s.newUser(), s.newUser()]);
  [report, other] = await Promise.all([
    s.upload(alice, randomBytes(1000), 'report.pdf'),
    s.upload(alice, randomBytes(10), 'other.txt', 'text/plain'),
  ]);
}, 120_000);

afterAll(async () => {
  await s?.stop();
});

async function shareByEmail(who: Who, fileId: string, recipients: string[]) {
  const { data, response } = await who.api.POST('/v1/users/{user_id}/files/{file_id}/share', {
    params: { path: { user_id: who.user.user_id, file_id: fileId } },
    body: { share_with: recipients },
  });
  expect(response.status).toBe(201);
  return (data as Schemas['ShareByEmailResponse']).shares;
}

async function createLink(who: Who, fileId: string, body?: Schemas['CreateShareLinkRequest']) {
  return who.api.POST('/v1/users/{user_id}/files/{file_id}/links', {
    params: { path: { user_id: who.user.user_id, file_id: fileId } },
    body,
  });
}

async function list(
  who: Who,
  query: { file_id?: string; limit?: number; cursor?: string } = {},
): Promise<Schemas['ShareList']> {
  const { data, response } = await who.api.GET('/v1/users/{user_id}/shares', {
    params: { path: { user_id: who.user.user_id }, query },
  });
  expect(response.status).toBe(200);
  return data as Schemas['ShareList'];
}

function shareCall(caller: Who, owner: Who, shareId: string) {
  const params = { path: { user_id: owner.user.user_id, share_id: shareId } };
  return {
    get: () => caller.api.GET('/v1/users/{user_id}/shares/{share_id}', { params }),
    patch: (body: Schemas['UpdateShareRequest']) =>
      caller.api.PATCH('/v1/users/{user_id}/shares/{share_id}', { params, body }),
    revoke: () => caller.api.DELETE('/v1/users/{user_id}/shares/{share_id}', { params }),
  };
}

describe('share links', () => {
  it('answers a URL to copy with its token, expiry and limits; only the hash is kept', async () => {
    const before = Date.now();
    const { data, response } = await createLink(alice, report, {
      expires_in: 600,
      max_downloads: 3,
      password: 'correct horse battery',
    });
    expect(response.status).toBe(201);
    const link = data as Schemas['ShareLinkResponse'];
    expect(link).toMatchObject({ file_id: report, max_downloads: 3, password_protected: true });
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.url).toBe(`http://127.0.0.1:4200/s/${link.token}`);
    const expires = Date.parse(link.expires_at);
    expect(expires).toBeGreaterThanOrEqual(before + 600_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 600_000 + 1000);

    const detail = await shareCall(alice, alice, link.share_id).get();
    expect(detail.data).toMatchObject({ kind: 'LINK', max_downloads: 3, password_protected: true });
    expect(JSON.stringify(detail.data)).not.toContain(link.token);
    expect(JSON.stringify(detail.data)).not.toContain('scrypt');
  });

  it('lasts one hour by default, without a limit or a password', async () => {
    const { data } = await createLink(alice, other);
    const link = data as Schemas['ShareLinkResponse'];
    expect(link.password_protected).toBe(false);
    expect(link.max_downloads).toBeUndefined();
    expect(Math.abs(Date.parse(link.expires_at) - Date.now() - 3600_000)).toBeLessThan(5000);
  });

  it('gives every link its own token', async () => {
    const [first, second] = await Promise.all([createLink(alice, other), createLink(alice, other)]);
    expect(first.data?.token).not.toBe(second.data?.token);
  });

  it('refuses an expiry past the deployment maximum, naming body.expires_in', async () => {
    const { error, response } = await createLink(alice, report, { expires_in: 31 * 24 * 3600 });
    expect(response.status).toBe(400);
    expect(error?.errors?.map((e) => e.field)).toEqual(['body.expires_in']);
    // In words as well, since the portal shows it next to its expiry field.
    expect(error?.errors?.[0]?.message).toBe('must be at most 2592000 seconds (30 days)');
    expect(error?.detail).toBe('Shares may last at most 30 days here; this one asks for 31 days.');
  });

  it('links only READY files: 409 while uploading, 404 once deleted or unknown', async () => {
    const path = { user_id: alice.user.user_id };
    const { data: uploading } = await alice.api.POST('/v1/users/{user_id}/files', {
      params: { path },
      body: { file_name: 'half.bin', size: 10 },
    });
    expect((await createLink(alice, uploading?.file_id as string)).response.status).toBe(409);
    const deleted = await s.upload(alice, randomBytes(8), 'gone.bin');
    await alice.api.DELETE('/v1/users/{user_id}/files/{file_id}', {
      params: { path: { ...path, file_id: deleted } },
    });
    expect((await createLink(alice, deleted)).response.status).toBe(404);
    // Bob's file under Bob's own path, asked for as if it were Alice's: not hers, so 404.
    const bobs = await s.upload(bob, randomBytes(8));
    expect((await createLink(alice, bobs)).response.status).toBe(404);
  });
});

describe('managing shares', () => {
  let owner: Who;
  let file: string;
  let otherFile: string;
  let shares: Schemas['Share'][];

  beforeAll(async () => {
    owner = await s.newUser();
    [file, otherFile] = await Promise.all([
      s.upload(owner, randomBytes(100), 'plan.pdf'),
      s.upload(owner, randomBytes(100), 'notes.txt', 'text/plain'),
    ]);
    shares = await shareByEmail(owner, file, [someone('bob'), someone('carol')]);
    await shareByEmail(owner, otherFile, [someone('dave')]);
  }, 60_000);

  it('lists both e-mail shares with recipient, created, expires, downloads 0 and ACTIVE', async () => {
    const page = await list(owner, { file_id: file });
    expect(page.user_id).toBe(owner.user.user_id);
    expect(page.next_cursor).toBeNull();
    expect(page.shares.map((share) => share.recipient).sort()).toEqual(
      shares.map((share) => share.recipient).sort(),
    );
    for (const share of page.shares) {
      expect(share).toMatchObject({
        file_id: file,
        file_name: 'plan.pdf',
        kind: 'EMAIL',
        downloads: 0,
        state: 'ACTIVE',
      });
      expect(Date.parse(share.created_at)).toBeLessThanOrEqual(Date.now());
      expect(Date.parse(share.expires_at)).toBeGreaterThan(Date.parse(share.created_at));
    }
    // Every file's shares, newest first.
    const all = await list(owner);
    expect(all.shares).toHaveLength(3);
    expect(all.shares[0]?.file_id).toBe(otherFile);
    const ids = all.shares.map((share) => share.share_id);
    expect(ids).toEqual([...ids].sort().reverse());
  });

  it('pages with an opaque cursor, without repeats or gaps', async () => {
    const first = await list(owner, { limit: 2 });
    expect(first.shares).toHaveLength(2);
    expect(first.next_cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await list(owner, { limit: 2, cursor: first.next_cursor as string });
    expect(second.shares).toHaveLength(1);
    expect(second.next_cursor).toBeNull();
    const seen = [...first.shares, ...second.shares].map((share) => share.share_id);
    expect(new Set(seen).size).toBe(3);
    expect(seen.sort()).toEqual((await list(owner)).shares.map((x) => x.share_id).sort());
  });

  it('refuses a cursor it did not give out with 400 naming query.cursor', async () => {
    const { error, response } = await owner.api.GET('/v1/users/{user_id}/shares', {
      params: { path: { user_id: owner.user.user_id }, query: { cursor: 'bm90LWEtc2hhcmU' } },
    });
    expect(response.status).toBe(400);
    expect(error?.errors?.map((e) => e.field)).toEqual(['query.cursor']);
  });

  it('shows one share with its access log, newest use first', async () => {
    const { data } = await createLink(owner, file);
    const link = data as Schemas['ShareLinkResponse'];
    const empty = await shareCall(owner, owner, link.share_id).get();
    expect(empty.response.status).toBe(200);
    expect(empty.data?.access_log).toEqual([]);

    for (const agent of ['first-agent', 'second-agent'])
      await fetch(`${s.gateway.endpoint}/v1/shares/${link.token}`, {
        headers: { 'user-agent': agent },
      });
    const { data: detail } = await shareCall(owner, owner, link.share_id).get();
    expect(detail?.access_log.map((entry) => [entry.outcome, entry.user_agent])).toEqual([
      ['VIEWED', 'second-agent'],
      ['VIEWED', 'first-agent'],
    ]);
    expect(detail?.last_access_at).toBe(detail?.access_log[0]?.at);
  });

  it('changes the expiry (counted from now) and the download limit', async () => {
    const target = shares[0] as Schemas['Share'];
    const call = shareCall(owner, owner, target.share_id);
    const before = Date.now();
    const changed = await call.patch({ expires_in: 2 * 24 * 3600, max_downloads: 5 });
    expect(changed.response.status).toBe(200);
    expect(changed.data).toMatchObject({ share_id: target.share_id, max_downloads: 5 });
    const expires = Date.parse(changed.data?.expires_at as string);
    expect(expires).toBeGreaterThanOrEqual(before + 2 * 24 * 3600_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 2 * 24 * 3600_000 + 1000);

    const unlimited = await call.patch({ max_downloads: null });
    expect(unlimited.data?.max_downloads).toBeUndefined();
    expect(unlimited.data?.expires_at).toBe(changed.data?.expires_at);
    const listed = (await list(owner, { file_id: file })).shares.find(
      (share) => share.share_id === target.share_id,
    );
    expect(listed?.expires_at).toBe(changed.data?.expires_at);

    const tooLong = await call.patch({ expires_in: 31 * 24 * 3600 });
    expect(tooLong.response.status).toBe(400);
    expect(tooLong.error?.errors?.map((e) => e.field)).toEqual(['body.expires_in']);
  });

  it('revokes one share (idempotently); it reads REVOKED and can no longer be changed', async () => {
    const [revoked, kept] = shares as [Schemas['Share'], Schemas['Share']];
    const call = shareCall(owner, owner, revoked.share_id);
    const first = await call.revoke();
    expect(first.response.status).toBe(200);
    expect(first.data).toMatchObject({ state: 'REVOKED', revoked_because: 'OWNER' });
    const again = await call.revoke();
    expect(again.response.status).toBe(200);
    expect(again.data?.revoked_at).toBe(first.data?.revoked_at);

    const states = Object.fromEntries(
      (await list(owner, { file_id: file })).shares.map((share) => [share.share_id, share.state]),
    );
    expect(states[revoked.share_id]).toBe('REVOKED');
    expect(states[kept.share_id]).toBe('ACTIVE');

    const detail = await call.get();
    expect(detail.data).toMatchObject({ state: 'REVOKED', access_log: [] });
    const change = await call.patch({ expires_in: 3600 });
    expect(change.response.status).toBe(409);
  });

  it("answers 404 for a share id that is not the caller's", async () => {
    const unknown = shareCall(owner, owner, '01900000-0000-7000-8000-000000000000');
    expect((await unknown.get()).response.status).toBe(404);
    expect((await unknown.patch({ expires_in: 3600 })).response.status).toBe(404);
    expect((await unknown.revoke()).response.status).toBe(404);
  });
});

describe("another user and someone else's shares", () => {
  let share: Schemas['Share'];

  beforeAll(async () => {
    [share] = (await shareByEmail(alice, report, [someone('friend')])) as [Schemas['Share']];
  });

  it("cannot list, read, change or revoke them under the owner's user_id (403)", async () => {
    const listing = await bob.api.GET('/v1/users/{user_id}/shares', {
      params: { path: { user_id: alice.user.user_id } },
    });
    expect(listing.response.status).toBe(403);
    const call = shareCall(bob, alice, share.share_id);
    expect((await call.get()).response.status).toBe(403);
    expect((await call.patch({ expires_in: 3600 })).response.status).toBe(403);
    expect((await call.revoke()).response.status).toBe(403);
  });

  it('finds nothing under their own user_id (404), and never lists them', async () => {
    const call = shareCall(bob, bob, share.share_id);
    expect((await call.get()).response.status).toBe(404);
    expect((await call.patch({ max_downloads: 1 })).response.status).toBe(404);
    expect((await call.revoke()).response.status).toBe(404);
    expect((await list(bob)).shares).toEqual([]);
    expect((await list(bob, { file_id: report })).shares).toEqual([]);

    // The share is untouched.
    const { data } = await shareCall(alice, alice, share.share_id).get();
    expect(data).toMatchObject({ state: 'ACTIVE' });
    expect(data?.max_downloads).toBeUndefined();
  });
});
