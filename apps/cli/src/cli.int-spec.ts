import {
  nextTotpCode,
  sha256Hex,
  signUpUser,
  startServiceProcess,
  startTestStack,
  type ServiceProcess,
  type TestStack,
  type TestUser,
} from '@enclave/testing';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI_BUNDLE, type CliRun, cliRunner } from './testing/cli-runner.fixture';

// The built `enclave` bundle, run as a user would, against the uploads service's bundle and the
// local stack (auth with TOTP, S3 behind the SigV4-verifying proxy, DynamoDB).
const MiB = 1024 * 1024;
const PART_SIZE = 5 * MiB;

let stack: TestStack;
let service: ServiceProcess;
let user: TestUser;
let configDir: string;
let workDir: string;

const cli = cliRunner(() => ({
  apiUrl: service.endpoint,
  authUrl: stack.auth.endpoint,
  configDir,
  workDir,
}));
const enclave = cli.run;
const enclaveJson = cli.json;
const cliEnv = cli.env;
type Run = CliRun;

interface ListedFiles {
  files: { file_id: string; file_name: string; size: number; status: string }[];
}

interface UploadedFiles {
  files: {
    path: string;
    file_id: string;
    size: number;
    status: string;
    resumed: boolean;
    parts_sent: number;
  }[];
  failed: unknown[];
}

beforeAll(async () => {
  stack = await startTestStack();
  service = await startServiceProcess('uploads', {
    ...stack.env,
    MULTIPART_THRESHOLD_BYTES: String(6 * MiB),
    MULTIPART_PART_SIZE_BYTES: String(PART_SIZE),
  });
  user = await signUpUser(stack);
  configDir = await mkdtemp(path.join(tmpdir(), 'enclave-cli-config-'));
  workDir = await mkdtemp(path.join(tmpdir(), 'enclave-cli-work-'));
}, 90_000);

afterAll(async () => {
  await service?.stop();
  await stack?.stop();
  for (const dir of [configDir, workDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the enclave CLI against the local stack', () => {
  it('exits 3 with a clear message before login', async () => {
    const run = await enclave(['ls']);
    expect(run).toEqual({
      code: 3,
      stdout: '',
      stderr: 'enclave: not logged in: run `enclave login`\n',
    });
  });

  it('logs in with --email --password-stdin --otp and keeps the tokens in a 0600 file', async () => {
    const otp = await nextTotpCode(user);

    const run = await enclave(
      ['--json', 'login', '--email', user.email, '--password-stdin', '--otp', otp],
      `${user.password}\n`,
    );
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ email: user.email, user_id: user.user_id });
    const file = path.join(configDir, 'credentials.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(configDir)).mode & 0o777).toBe(0o700);
    const stored = JSON.parse(await readFile(file, 'utf8')) as { id_token: string };
    expect(run.stdout + run.stderr).not.toContain(stored.id_token);
  }, 60_000);

  it('uploads two files, lists them, downloads them SHA-256-equal, removes one', async () => {
    const small = randomBytes(1000);
    const large = randomBytes(2 * PART_SIZE + 7);
    await writeFile(path.join(workDir, 'small.txt'), small);
    await writeFile(path.join(workDir, 'large.bin'), large);

    const uploaded = await enclaveJson<UploadedFiles>([
      'upload',
      '--checksum',
      'small.txt',
      'large.bin',
    ]);
    expect(uploaded.failed).toEqual([]);
    expect(uploaded.files.map((f) => [f.path, f.size, f.status, f.parts_sent])).toEqual([
      ['small.txt', 1000, 'READY', 1],
      ['large.bin', large.length, 'READY', 3],
    ]);
    const [smallId, largeId] = uploaded.files.map((f) => f.file_id) as [string, string];

    const listed = await enclaveJson<ListedFiles>(['ls']);
    expect(listed.files.map((f) => f.file_id)).toEqual(expect.arrayContaining([smallId, largeId]));

    const out = path.join(workDir, 'downloads');
    await mkdir(out);
    await enclaveJson(['download', smallId, '-o', out]);
    await enclaveJson(['download', largeId, '-o', path.join(out, 'copy.bin')]);
    expect(sha256Hex(await readFile(path.join(out, 'small.txt')))).toBe(sha256Hex(small));
    expect(sha256Hex(await readFile(path.join(out, 'copy.bin')))).toBe(sha256Hex(large));
    // A second download to the same place refuses to overwrite without --force.
    expect((await enclave(['download', smallId, '-o', out])).code).toBe(1);

    await expect(enclaveJson(['rm', smallId])).resolves.toMatchObject({
      file_id: smallId,
      file_status: 'DELETED',
    });
    const after = await enclaveJson<ListedFiles>(['ls']);
    expect(after.files.map((f) => f.file_id)).not.toContain(smallId);
    expect(after.files.map((f) => f.file_id)).toContain(largeId);
  }, 60_000);

  it('exits 4 for a file that does not exist', async () => {
    const run = await enclave(['download', '01900000-0000-7000-8000-000000000000']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/^enclave: .+\n$/);
  });

  it('resumes an upload killed half-way, sending only the parts it lacked', async () => {
    const bytes = randomBytes(6 * PART_SIZE);
    await writeFile(path.join(workDir, 'killed.bin'), bytes);

    // Killed (SIGKILL: no chance to clean up) right after its first part is reported done.
    const killedAfter = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [CLI_BUNDLE, 'upload', '--parallel', '1', 'killed.bin'],
        {
          cwd: workDir,
          env: cliEnv(),
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/part 1\/6 done/.test(stderr)) child.kill('SIGKILL');
      });
      child.once('error', reject);
      child.once('close', (code, signal) =>
        signal === 'SIGKILL' ? resolve(stderr) : reject(new Error(`exited ${code}: ${stderr}`)),
      );
    });
    expect(killedAfter).toContain('part 1/6 done');
    expect(await readdir(path.join(configDir, 'uploads'))).toHaveLength(1);

    const resumed = await enclaveJson<UploadedFiles>(['upload', 'killed.bin']);
    const [file] = resumed.files;
    expect(file).toMatchObject({ size: bytes.length, status: 'READY', resumed: true });
    expect(file?.parts_sent).toBeGreaterThan(0);
    expect(file?.parts_sent).toBeLessThan(6);
    expect(await readdir(path.join(configDir, 'uploads'))).toHaveLength(0);

    const copy = path.join(workDir, 'killed.copy');
    await enclaveJson(['download', file?.file_id ?? '', '-o', copy]);
    expect(sha256Hex(await readFile(copy))).toBe(sha256Hex(bytes));
  }, 60_000);

  it('stops an upload on Ctrl-C with exit 130, keeping its state; the same command resumes it', async () => {
    const bytes = randomBytes(4 * PART_SIZE);
    await writeFile(path.join(workDir, 'interrupted.bin'), bytes);

    const interrupted = await new Promise<Run>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [CLI_BUNDLE, 'upload', '--parallel', '1', 'interrupted.bin'],
        {
          cwd: workDir,
          env: cliEnv(),
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => {
        const first = !/part 1\/4 done/.test(stderr);
        stderr += chunk.toString();
        if (first && /part 1\/4 done/.test(stderr)) child.kill('SIGINT');
      });
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toContain(
      'enclave: interrupted: run the same command again to resume\n',
    );
    expect(await readdir(path.join(configDir, 'uploads'))).toHaveLength(1);

    const resumed = await enclaveJson<UploadedFiles>(['upload', 'interrupted.bin']);
    expect(resumed.files[0]).toMatchObject({ status: 'READY', resumed: true });
    expect(resumed.files[0]?.parts_sent).toBeLessThan(4);
  }, 60_000);

  it('logs out and then needs a login again', async () => {
    await expect(enclaveJson(['logout'])).resolves.toEqual({ logged_out: true, revoked: true });
    expect((await enclave(['ls'])).code).toBe(3);
  });
});
