import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuplicateUserError, type UserRecord, UsersStore } from './users-store';

function user(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    user_id: 'u-1',
    email: 'ada@example.com',
    name: 'Ada',
    phone_number: '+15555550100',
    groups: [],
    status: 'CONFIRMED',
    password_hash: 'scrypt$…',
    password_expires_at: null,
    mfa: null,
    last_totp_step: null,
    password_reset: null,
    created_at: 1,
    ...overrides,
  };
}

describe('UsersStore', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'users-store-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds users by e-mail regardless of case and refuses duplicates', async () => {
    const store = await UsersStore.open();
    store.insertUser(user({ email: 'Ada@Example.com' }));
    expect(store.userByEmail('ADA@example.COM')?.user_id).toBe('u-1');
    expect(store.userById('u-1')?.email).toBe('ada@example.com');
    expect(() => store.insertUser(user({ user_id: 'u-2', email: 'ada@EXAMPLE.com' }))).toThrow(
      DuplicateUserError,
    );
  });

  it('matches a user only when id and e-mail agree', async () => {
    const store = await UsersStore.open();
    store.insertUser(user());
    expect(store.userByIdAndEmail('u-1', 'ADA@example.com')).toBeDefined();
    expect(store.userByIdAndEmail('u-1', 'eve@example.com')).toBeUndefined();
    expect(store.userByIdAndEmail('u-2', 'ada@example.com')).toBeUndefined();
  });

  it('ends all sessions and challenges of one user only', async () => {
    const store = await UsersStore.open();
    store.addSession({
      session_id: 's1',
      user_id: 'u-1',
      refresh_token_hash: 'h1',
      auth_time: 0,
      expires_at: 10,
    });
    store.addSession({
      session_id: 's2',
      user_id: 'u-2',
      refresh_token_hash: 'h2',
      auth_time: 0,
      expires_at: 10,
    });
    store.addChallenge({ session_hash: 'c1', user_id: 'u-1', expires_at: 10, failed_attempts: 0 });
    store.deleteSessionsOf('u-1');
    expect(store.session('s1')).toBeUndefined();
    expect(store.challenge('c1')).toBeUndefined();
    expect(store.sessionByRefreshHash('h2')?.session_id).toBe('s2');
  });

  it('prunes what has expired', async () => {
    const store = await UsersStore.open();
    store.addSession({
      session_id: 'old',
      user_id: 'u',
      refresh_token_hash: 'a',
      auth_time: 0,
      expires_at: 100,
    });
    store.addSession({
      session_id: 'new',
      user_id: 'u',
      refresh_token_hash: 'b',
      auth_time: 0,
      expires_at: 300,
    });
    store.addChallenge({ session_hash: 'c', user_id: 'u', expires_at: 100, failed_attempts: 0 });
    store.prune(200);
    expect(store.session('old')).toBeUndefined();
    expect(store.challenge('c')).toBeUndefined();
    expect(store.session('new')).toBeDefined();
  });

  it('writes nothing without a data file', async () => {
    const store = await UsersStore.open();
    store.insertUser(user());
    await expect(store.save()).resolves.toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });

  it('persists to the data file and reads it back, leaving no temporary files', async () => {
    const file = path.join(dir, 'nested', 'users.json');
    const store = await UsersStore.open(file);
    store.insertUser(user());
    store.addSession({
      session_id: 's1',
      user_id: 'u-1',
      refresh_token_hash: 'h1',
      auth_time: 0,
      expires_at: 10,
    });
    await store.save();

    expect(await readdir(path.dirname(file))).toEqual(['users.json']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const reopened = await UsersStore.open(file);
    expect(reopened.userByEmail('ada@example.com')).toEqual(user());
    expect(reopened.session('s1')?.user_id).toBe('u-1');
  });

  it('ends with the latest state when saves overlap', async () => {
    const file = path.join(dir, 'users.json');
    const store = await UsersStore.open(file);
    const saves: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      store.insertUser(user({ user_id: `u-${i}`, email: `user${i}@example.com` }));
      saves.push(store.save());
    }
    await Promise.all(saves);
    const saved = JSON.parse(await readFile(file, 'utf8')) as { users: unknown[] };
    expect(saved.users).toHaveLength(20);
    expect(await readdir(dir)).toEqual(['users.json']);
  });

  it('starts empty when the file does not exist yet', async () => {
    const store = await UsersStore.open(path.join(dir, 'missing.json'));
    expect(store.signingKey).toBeNull();
    expect(store.userByEmail('ada@example.com')).toBeUndefined();
  });

  it('refuses a corrupt or foreign data file with a clear message', async () => {
    const corrupt = path.join(dir, 'corrupt.json');
    await writeFile(corrupt, '{"version": 1, "users": [');
    await expect(UsersStore.open(corrupt)).rejects.toThrow(/not valid JSON/);
    const foreign = path.join(dir, 'foreign.json');
    await writeFile(foreign, JSON.stringify({ hello: 'world' }));
    await expect(UsersStore.open(foreign)).rejects.toThrow(/does not hold local-auth data/);
  });
});
