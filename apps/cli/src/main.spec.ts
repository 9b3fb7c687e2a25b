import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from './main';
import { ExitCode } from './output/cli-error';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'enclave-main-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const code = await runCli(
    argv,
    { stdout, stderr, stdin: new PassThrough(), env: { ENCLAVE_CONFIG_DIR: dir } },
    new AbortController().signal,
  );
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('enclave exit codes', () => {
  it('exits 0 for --help and --version', async () => {
    await expect(run('--help')).resolves.toMatchObject({ code: ExitCode.Ok });
    await expect(run('--version')).resolves.toMatchObject({ code: ExitCode.Ok, stdout: '0.1.0\n' });
  });

  it('exits 2 for an unknown command, a missing argument or a bad option value', async () => {
    expect((await run('frobnicate')).code).toBe(ExitCode.Usage);
    expect((await run('download')).code).toBe(ExitCode.Usage);
    await expect(run('ls', '--limit', 'lots')).resolves.toMatchObject({ code: ExitCode.Usage });
  });

  it("checks the sharing commands' arguments before anything else (exit 2)", async () => {
    const fileId = '0190a0a0-0000-7000-8000-000000000001';
    await expect(run('get', 'https://example.com/x')).resolves.toMatchObject({
      code: ExitCode.Usage,
      stderr: expect.stringContaining('is not a share link'),
    });
    expect((await run('share', fileId)).code).toBe(ExitCode.Usage);
    await expect(run('share', fileId, '--to', ' , ')).resolves.toMatchObject({
      code: ExitCode.Usage,
      stderr: expect.stringContaining('--to needs at least one e-mail address'),
    });
    await expect(run('link', fileId, '--expires', 'soon')).resolves.toMatchObject({
      code: ExitCode.Usage,
      stderr: expect.stringContaining('--expires must be a duration like 30m, 1h, 7d'),
    });
    await expect(run('link', fileId, '--max-downloads', '0')).resolves.toMatchObject({
      code: ExitCode.Usage,
      stderr: expect.stringContaining('--max-downloads must be a whole number'),
    });
    expect((await run('revoke')).code).toBe(ExitCode.Usage);
  });

  it("needs a login for the owner's sharing commands (exit 3)", async () => {
    const fileId = '0190a0a0-0000-7000-8000-000000000001';
    for (const argv of [
      ['share', fileId, '--to', 'a@example.com'],
      ['link', fileId, '--expires', '1h'],
      ['shares'],
      ['revoke', 'share-1'],
    ])
      await expect(run(...argv)).resolves.toMatchObject({ code: ExitCode.Auth });
  });

  it('exits 3 with one clear line when not logged in', async () => {
    const result = await run('ls');
    expect(result).toEqual({
      code: ExitCode.Auth,
      stdout: '',
      stderr: 'enclave: not logged in: run `enclave login`\n',
    });
  });

  it('exits 2 when login has no terminal to ask for the e-mail', async () => {
    const result = await run('login', '--password-stdin');
    expect(result.code).toBe(ExitCode.Usage);
    expect(result.stderr).toContain('--email');
  });

  it('says so, exit 0, when logging out while logged out', async () => {
    await expect(run('--json', 'logout')).resolves.toMatchObject({
      code: ExitCode.Ok,
      stdout: '{\n  "logged_out": false\n}\n',
    });
  });
});
