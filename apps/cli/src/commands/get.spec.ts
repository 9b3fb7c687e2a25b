import type { Schemas } from '@enclave/api-contract';
import { ApiError } from '@enclave/upload-client';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { ExitCode } from '../output/cli-error';
import type { PublicSharesApi } from '../sharing/shares-api';
import { CliContext } from './context';
import { get } from './get';

const TOKEN = 'Ab3_-xYz0123456789abcdefghijklmnopqrstuv';

/** A typed fake of the public share routes that counts the downloads asked for. */
class FakePublicShares implements PublicSharesApi {
  downloads: Schemas['PublicDownloadRequest'][] = [];
  constructor(
    private readonly share: Partial<Schemas['PublicShare']>,
    private readonly password?: string,
  ) {}
  async describe(): Promise<Schemas['PublicShare']> {
    return {
      file_name: 'report.pdf',
      size: 4,
      content_type: 'application/pdf',
      expires_at: '2030-01-01T00:00:00.000Z',
      password_required: this.password !== undefined,
      ...this.share,
    };
  }
  async download(_token: string, body: Schemas['PublicDownloadRequest']) {
    this.downloads.push(body);
    if (this.password !== undefined && body.password !== this.password)
      throw new ApiError(401, undefined, 'downloadPublicShare');
    // Never fetched in these specs: each stops before or at this answer.
    return { file_name: 'x', download_url: 'http://127.0.0.1:9/never', expires_at: '' };
  }
}

let dir: string;
let cwd: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'enclave-get-'));
  cwd = process.cwd();
  process.chdir(dir);
});

afterEach(async () => {
  process.chdir(cwd);
  await rm(dir, { recursive: true, force: true });
});

function contextWith(api: PublicSharesApi, stdinText?: string): CliContext {
  const stdin = new PassThrough();
  if (stdinText !== undefined) stdin.end(stdinText);
  const context = new CliContext(
    { quiet: true },
    {
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      stdin,
      env: { ENCLAVE_CONFIG_DIR: dir },
    },
    new AbortController().signal,
  );
  context.publicSharesApi = () => api;
  return context;
}

describe('enclave get', () => {
  it.each(['../escape.pdf', '/etc/cron.d/x', 'dir\\x.pdf', '..'])(
    'refuses the stranger-given name %j, here or in an -o folder, before downloading',
    async (name) => {
      const api = new FakePublicShares({ file_name: name });
      await expect(get(contextWith(api), TOKEN, {})).rejects.toThrow(/pass -o <path>/);
      await expect(get(contextWith(api), TOKEN, { output: dir })).rejects.toThrow(/pass -o/);
      expect(api.downloads).toEqual([]);
      expect(await readdir(dir)).toEqual([]);
    },
  );

  it('never overwrites an existing file without --force, and asks for no download', async () => {
    await writeFile(path.join(dir, 'report.pdf'), 'mine');
    const api = new FakePublicShares({});
    await expect(get(contextWith(api), TOKEN, {})).rejects.toMatchObject({
      exitCode: ExitCode.Failure,
      message: `${path.join(dir, 'report.pdf')} exists: pass --force to overwrite it`,
    });
    expect(api.downloads).toEqual([]);
  });

  it('needs --password-stdin for a password link when there is no terminal', async () => {
    const api = new FakePublicShares({}, 'Right-Password');
    await expect(get(contextWith(api), TOKEN, {})).rejects.toMatchObject({
      exitCode: ExitCode.Usage,
      message: expect.stringContaining('--password-stdin'),
    });
    expect(api.downloads).toEqual([]);
  });

  it('says the link password is wrong (exit 3), never "log in"', async () => {
    const api = new FakePublicShares({}, 'Right-Password');
    await expect(
      get(contextWith(api, 'Wrong-Password\n'), TOKEN, { passwordStdin: true }),
    ).rejects.toMatchObject({
      exitCode: ExitCode.Auth,
      message: 'wrong password for this share link',
    });
    expect(api.downloads).toEqual([{ password: 'Wrong-Password' }]);
  });

  it('refuses something that is not a share link as a usage error', async () => {
    const api = new FakePublicShares({});
    await expect(get(contextWith(api), 'https://example.com/x', {})).rejects.toMatchObject({
      exitCode: ExitCode.Usage,
    });
  });
});
