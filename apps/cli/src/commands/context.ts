import { createEnclaveClient, type EnclaveClient } from '@enclave/api-contract';
import { createFilesApi, type FilesApi } from '@enclave/upload-client';
import { httpAuthApi, type AuthApi } from '../config/auth-client';
import { CredentialStore } from '../config/credential-store';
import { configDir } from '../config/paths';
import { Session } from '../config/session';
import { createKeysApi, type KeysApi } from '../keys/keys-api';
import {
  createPublicSharesApi,
  createSharesApi,
  type PublicSharesApi,
  type SharesApi,
} from '../sharing/shares-api';

export const DEFAULT_API_URL = 'http://127.0.0.1:3000';
export const DEFAULT_AUTH_URL = 'http://127.0.0.1:3100';

/** Options every command accepts (`enclave --json ls`, `enclave ls --json`). */
export interface GlobalOptions {
  api?: string;
  auth?: string;
  json?: boolean;
  quiet?: boolean;
}

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** What a command needs from the outside, built once from the global options. */
export class CliContext {
  readonly apiUrl: string;
  readonly authUrl: string;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly configDir: string;
  readonly credentials: CredentialStore;
  readonly auth: AuthApi;

  constructor(
    options: GlobalOptions,
    readonly io: CliIo,
    /** Aborted by Ctrl-C: requests stop, and an upload keeps its state to resume later. */
    readonly signal: AbortSignal,
  ) {
    this.apiUrl = options.api ?? io.env['ENCLAVE_API_URL'] ?? DEFAULT_API_URL;
    this.authUrl = options.auth ?? io.env['ENCLAVE_AUTH_URL'] ?? DEFAULT_AUTH_URL;
    this.json = options.json ?? false;
    this.quiet = options.quiet ?? false;
    this.configDir = configDir(io.env);
    this.credentials = new CredentialStore(this.configDir);
    this.auth = httpAuthApi(this.authUrl);
  }

  /** The result of a command: JSON with `--json`, text otherwise. */
  print(text: string, json: unknown): void {
    this.io.stdout.write(`${this.json ? JSON.stringify(json, null, 2) : text}\n`);
  }

  /** A notice for people (stderr, so it never mixes with a script's stdout). */
  notice(text: string): void {
    if (!this.quiet) this.io.stderr.write(`${text}\n`);
  }

  async session(): Promise<Session> {
    return Session.load(this.credentials, this.auth);
  }

  /** The generated client; with a session it sends that user's token, refreshed as needed. */
  client(session?: Session): EnclaveClient {
    return createEnclaveClient({
      baseUrl: this.apiUrl,
      ...(session ? { token: () => session.idToken() } : {}),
      fetch: (input, init) => globalThis.fetch(input, { ...init, signal: this.signal }),
    });
  }

  /** The logged-in user's files API on the generated client. */
  async filesApi(): Promise<{ api: FilesApi; session: Session }> {
    const session = await this.session();
    return { api: createFilesApi(this.client(session), session.userId), session };
  }

  /** The logged-in user's shares: e-mail shares, links, their list and revocation. */
  async sharesApi(): Promise<SharesApi> {
    const session = await this.session();
    return createSharesApi(this.client(session), session.userId);
  }

  /** The logged-in user's encryption key: its status, and crypto-shredding. */
  async keysApi(): Promise<{ api: KeysApi; session: Session }> {
    const session = await this.session();
    return { api: createKeysApi(this.client(session), session.userId), session };
  }

  /** What anyone with a share link may call; needs no login. */
  publicSharesApi(): PublicSharesApi {
    return createPublicSharesApi(this.client());
  }
}
