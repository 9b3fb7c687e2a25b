import { mkdtemp, rm, stat, writeFile, mkdir, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CredentialStore, type Credentials } from './credential-store';
import { configDir } from './paths';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'enclave-cli-spec-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const credentials: Credentials = {
  email: 'ada@example.test',
  user_id: 'u-1',
  id_token: 'id',
  access_token: 'access',
  refresh_token: 'refresh',
  expires_at: 1,
};

describe('CredentialStore', () => {
  it('writes the credentials file 0600 inside a 0700 directory and reads it back', async () => {
    const dir = path.join(root, 'enclave');
    const store = new CredentialStore(dir);
    await store.write(credentials);

    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
    await expect(store.read()).resolves.toEqual(credentials);
  });

  it('tightens a directory that already existed with a looser mode', async () => {
    const dir = path.join(root, 'loose');
    await mkdir(dir);
    await chmod(dir, 0o755);
    await new CredentialStore(dir).write(credentials);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('answers undefined when logged out, after clear, or for a damaged file', async () => {
    const store = new CredentialStore(root);
    await expect(store.read()).resolves.toBeUndefined();
    await store.write(credentials);
    await store.clear();
    await expect(store.read()).resolves.toBeUndefined();
    await writeFile(store.file, '{"email": 1}');
    await expect(store.read()).resolves.toBeUndefined();
  });
});

describe('configDir', () => {
  it('prefers ENCLAVE_CONFIG_DIR, then XDG_CONFIG_HOME/enclave, then ~/.config/enclave', () => {
    expect(configDir({ ENCLAVE_CONFIG_DIR: '/a/b', XDG_CONFIG_HOME: '/x' })).toBe('/a/b');
    expect(configDir({ XDG_CONFIG_HOME: '/x' })).toBe('/x/enclave');
    expect(configDir({})).toMatch(/\.config\/enclave$/);
  });
});
