import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What `enclave login` keeps: the auth service's tokens and when the ID token expires. */
export interface Credentials {
  email: string;
  user_id: string;
  id_token: string;
  access_token: string;
  refresh_token: string;
  /** Epoch milliseconds. */
  expires_at: number;
}

/**
 * The credentials file: readable by its owner only (0600, in a 0700 directory), because anyone
 * who can read it can act as the user until the refresh token is revoked.
 */
export class CredentialStore {
  readonly file: string;

  constructor(private readonly directory: string) {
    this.file = path.join(directory, 'credentials.json');
  }

  async read(): Promise<Credentials | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as Partial<Credentials>;
      return isCredentials(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  async write(credentials: Credentials): Promise<void> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    // mkdir leaves an existing directory's mode alone; tighten it in case it was made by hand.
    await chmod(this.directory, 0o700);
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(credentials, null, 2), { mode: 0o600 });
    await rename(temporary, this.file);
  }

  async clear(): Promise<void> {
    await rm(this.file, { force: true });
  }
}

function isCredentials(value: Partial<Credentials>): value is Credentials {
  return (
    typeof value.email === 'string' &&
    typeof value.user_id === 'string' &&
    typeof value.id_token === 'string' &&
    typeof value.access_token === 'string' &&
    typeof value.refresh_token === 'string' &&
    typeof value.expires_at === 'number'
  );
}
