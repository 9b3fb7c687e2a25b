import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CliError, ExitCode } from '../output/cli-error';
import type { AuthApi, AuthTokens } from './auth-client';
import { CredentialStore, type Credentials } from './credential-store';
import { credentialsFrom, REFRESH_MARGIN_MS, Session } from './session';

const NOW = 1_800_000_000_000;

function jwt(claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.sig`;
}

function tokens(n: number, expSeconds: number): AuthTokens {
  return {
    id_token: jwt({ sub: 'user-1', exp: expSeconds }),
    access_token: `access-${n}`,
    refresh_token: `refresh-${n}`,
    expires_in: 3600,
  };
}

/** A typed fake of the auth service's refresh route that counts calls. */
class FakeAuth implements AuthApi {
  refreshed: string[] = [];
  refuse = false;
  async login(): Promise<never> {
    throw new Error('not used');
  }
  async verifyMfa(): Promise<never> {
    throw new Error('not used');
  }
  async refresh(_email: string, refreshToken: string): Promise<AuthTokens> {
    this.refreshed.push(refreshToken);
    if (this.refuse) throw new CliError('auth service: Invalid refresh token.', ExitCode.Auth);
    return tokens(this.refreshed.length + 1, NOW / 1000 + 3600);
  }
  async logout(): Promise<void> {
    return undefined;
  }
}

let dir: string;
let store: CredentialStore;
let auth: FakeAuth;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'enclave-session-'));
  store = new CredentialStore(dir);
  auth = new FakeAuth();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function loggedIn(expiresInMs: number): Promise<Credentials> {
  const credentials = credentialsFrom(
    'ada@example.test',
    tokens(1, (NOW + expiresInMs) / 1000),
    NOW,
  );
  await store.write(credentials);
  return credentials;
}

describe('Session', () => {
  it('takes the user id from the ID token and its expiry from `exp`', async () => {
    const credentials = await loggedIn(3_600_000);
    expect(credentials).toMatchObject({ user_id: 'user-1', expires_at: NOW + 3_600_000 });
  });

  it('uses a token with time left as it is', async () => {
    const credentials = await loggedIn(REFRESH_MARGIN_MS + 60_000);
    const session = await Session.load(store, auth, () => NOW);
    await expect(session.idToken()).resolves.toBe(credentials.id_token);
    expect(auth.refreshed).toEqual([]);
  });

  it('refreshes a token near expiry once, even for parallel callers, and saves the rotated tokens', async () => {
    const old = await loggedIn(REFRESH_MARGIN_MS - 1000);
    const session = await Session.load(store, auth, () => NOW);
    const [a, b] = await Promise.all([session.idToken(), session.idToken()]);

    expect(auth.refreshed).toEqual(['refresh-1']);
    expect(a).toBe(b);
    expect(a).not.toBe(old.id_token);
    await expect(store.read()).resolves.toMatchObject({
      refresh_token: 'refresh-2',
      access_token: 'access-2',
      id_token: a,
    });
  });

  it('asks for a new login (exit 3) when the refresh token is refused', async () => {
    await loggedIn(-1000);
    auth.refuse = true;
    const session = await Session.load(store, auth, () => NOW);
    await expect(session.idToken()).rejects.toMatchObject({
      exitCode: ExitCode.Auth,
      message: expect.stringContaining('enclave login'),
    });
  });

  it('says "not logged in" (exit 3) without credentials', async () => {
    await expect(Session.load(store, auth)).rejects.toMatchObject({ exitCode: ExitCode.Auth });
  });
});
