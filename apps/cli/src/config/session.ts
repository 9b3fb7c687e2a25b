import { CliError, ExitCode } from '../output/cli-error';
import type { AuthApi, AuthTokens } from './auth-client';
import type { Credentials, CredentialStore } from './credential-store';
import { readIdTokenClaims } from './jwt';

// Refresh this long before expiry, so a token never lapses during a request (or a long upload).
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export const notLoggedIn = (): CliError =>
  new CliError('not logged in: run `enclave login`', ExitCode.Auth);

/** Credentials from the auth service's tokens; the user id is the ID token's `sub`. */
export function credentialsFrom(email: string, tokens: AuthTokens, now: number): Credentials {
  const claims = readIdTokenClaims(tokens.id_token);
  if (!claims.sub) throw new CliError('the auth service answered an ID token without `sub`');
  const expiresAt = claims.exp ? claims.exp * 1000 : now + tokens.expires_in * 1000;
  return {
    email,
    user_id: claims.sub,
    id_token: tokens.id_token,
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token,
    expires_at: expiresAt,
  };
}

/**
 * The logged-in user's session: answers an ID token that is valid for a while yet, refreshing
 * (and saving the rotated refresh token) when it is close to expiry.
 */
export class Session {
  private refreshing?: Promise<Credentials>;

  constructor(
    private credentials: Credentials,
    private readonly store: CredentialStore,
    private readonly auth: AuthApi,
    private readonly now: () => number = Date.now,
  ) {}

  static async load(store: CredentialStore, auth: AuthApi, now?: () => number): Promise<Session> {
    const credentials = await store.read();
    if (!credentials) throw notLoggedIn();
    return new Session(credentials, store, auth, now);
  }

  get userId(): string {
    return this.credentials.user_id;
  }

  get email(): string {
    return this.credentials.email;
  }

  async idToken(): Promise<string> {
    if (this.credentials.expires_at - this.now() > REFRESH_MARGIN_MS)
      return this.credentials.id_token;
    // Parallel requests share one refresh: the refresh token is single-use.
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
    return (await this.refreshing).id_token;
  }

  private async refresh(): Promise<Credentials> {
    let tokens: AuthTokens;
    try {
      tokens = await this.auth.refresh(this.credentials.email, this.credentials.refresh_token);
    } catch (error) {
      if (error instanceof CliError && error.exitCode === ExitCode.Auth)
        throw new CliError('the session has expired: run `enclave login`', ExitCode.Auth);
      throw error;
    }
    // Some services keep the refresh token as is and leave it out of the answer.
    const next = credentialsFrom(
      this.credentials.email,
      { ...tokens, refresh_token: tokens.refresh_token || this.credentials.refresh_token },
      this.now(),
    );
    await this.store.write(next);
    this.credentials = next;
    return next;
  }
}
