import { contractOperations } from '@enclave/api-contract';
import {
  mailboxFor,
  routeTable,
  type RunningService,
  startGateway,
  waitForMailValue,
} from '@enclave/local-stack';
import {
  nextTotpCode,
  sha256Hex,
  startServiceProcess,
  startTestStack,
  type ServiceProcess,
  type TestStack,
  type TestUser,
} from '@enclave/testing';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI_BUNDLE, cliRunner } from './testing/cli-runner.fixture';
import { Secret, TOTP } from 'otpauth';

// The built `enclave` bundle, run as a user would, against the uploads and sharing services'
// bundles behind the local gateway (one API base URL), over the local stack: auth with TOTP,
// S3 behind the SigV4-verifying proxy, DynamoDB and the SES mailbox.
const SHARE_URL = /^https?:\/\/\S+\/s\/([A-Za-z0-9_-]{32,128})$/;

let stack: TestStack;
let uploads: ServiceProcess;
let sharing: ServiceProcess;
let gateway: RunningService;
let configDir: string;
let workDir: string;

const cli = cliRunner(() => ({
  apiUrl: gateway.endpoint,
  authUrl: stack.auth.endpoint,
  configDir,
  workDir,
}));
const enclave = cli.run;
const enclaveJson = cli.json;
const cliEnv = cli.env;

/** The share link in the newest share e-mail to `address`. */
async function linkMailedTo(address: string): Promise<string> {
  const [mail, ...others] = await mailboxFor(stack.ses.endpoint, address);
  expect(others).toEqual([]);
  const link = /(https?:\/\/\S+?\/s\/[A-Za-z0-9_-]{32,128})/.exec(mail?.body.text ?? '')?.[1];
  if (!link) throw new Error(`no share link in the mail to ${address}: ${mail?.body.text}`);
  return link;
}

interface ListedShare {
  share_id: string;
  file_id: string;
  kind: 'EMAIL' | 'LINK';
  recipient?: string;
  downloads: number;
  max_downloads?: number;
  state: string;
}

const STEP_MS = 30_000;
const user: TestUser = {
  user_id: '',
  email: `cli-${randomUUID()}@example.test`,
  password: `Cli-${randomUUID()}!a1`,
  idToken: '',
  totpSecret: '',
  otpStepUsed: -1,
};
const bytes = randomBytes(300_000);
let fileId: string;

beforeAll(async () => {
  stack = await startTestStack();
  [uploads, sharing] = await Promise.all([
    startServiceProcess('uploads', stack.env),
    startServiceProcess('sharing', stack.envFor('sharing')),
  ]);
  gateway = await startGateway({
    routes: routeTable(contractOperations()),
    upstreams: new Map([
      ['uploads', uploads.endpoint],
      ['sharing', sharing.endpoint],
    ]),
  });
  configDir = await mkdtemp(path.join(tmpdir(), 'enclave-sharing-cli-config-'));
  workDir = await mkdtemp(path.join(tmpdir(), 'enclave-sharing-cli-work-'));
}, 90_000);

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([uploads?.stop(), sharing?.stop()]);
  await stack?.stop();
  for (const dir of [configDir, workDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('enclave signup and sharing against the local stack', () => {
  it('signs a person up: e-mailed temporary password, new password, TOTP as text and QR, then a login', async () => {
    const child = spawn(
      process.execPath,
      [
        CLI_BUNDLE,
        '--json',
        'signup',
        '--email',
        user.email,
        '--name',
        'Ada Lovelace',
        '--phone',
        '+15555550100',
      ],
      { cwd: workDir, env: cliEnv() },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const secretShown = new Promise<string>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const secret = /TOTP secret: ([A-Z2-7 ]+)\n/.exec(stderr)?.[1];
        if (secret) resolve(secret.replace(/ /g, ''));
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));

    // As a person would: the temporary password from the mailbox, then a new one.
    const temporary = await waitForMailValue(
      stack.ses.endpoint,
      user.email,
      /^Temporary password: (.+)$/m,
      10_000,
    );
    child.stdin.write(`${temporary.trim()}\n${user.password}\n`);
    user.totpSecret = await secretShown;
    const at = Date.now();
    user.otpStepUsed = Math.floor(at / STEP_MS);
    const code = new TOTP({ secret: Secret.fromBase32(user.totpSecret) }).generate({
      timestamp: at,
    });
    child.stdin.end(`${code}\n`);

    expect(await exited).toBe(0);
    const result = JSON.parse(stdout) as { user_id: string; logged_in: boolean };
    expect(result).toMatchObject({ email: user.email, mfa_status: 'CONFIRMED', logged_in: true });
    user.user_id = result.user_id;
    // The QR code of the otpauth:// URI, drawn in block characters, above the secret.
    expect(stderr).toMatch(/[█▀▄]{7}[\s\S]*TOTP secret: /);
    expect(stdout + stderr).not.toContain(user.password);
    expect((await stat(path.join(configDir, 'credentials.json'))).mode & 0o777).toBe(0o600);

    // The new account works with a plain login too.
    await expect(enclaveJson(['logout'])).resolves.toMatchObject({ logged_out: true });
    await expect(
      enclaveJson(
        ['login', '--email', user.email, '--password-stdin', '--otp', await nextTotpCode(user)],
        `${user.password}\n`,
      ),
    ).resolves.toEqual({ email: user.email, user_id: user.user_id });

    await writeFile(path.join(workDir, 'shared.bin'), bytes);
    const uploaded = await enclaveJson<{ files: { file_id: string; status: string }[] }>([
      'upload',
      'shared.bin',
    ]);
    expect(uploaded.files[0]?.status).toBe('READY');
    fileId = uploaded.files[0]?.file_id ?? '';
  }, 90_000);

  it('prints only the URL of a new link; `get` of it writes the exact bytes, no login needed', async () => {
    const created = await enclave(['link', fileId, '--expires', '1h']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^\S+\n$/);
    const url = created.stdout.trim();
    expect(url).toMatch(SHARE_URL);
    expect(created.stderr).toMatch(/expires .* UTC, no download limit/);

    // Public: a fresh configuration with no credentials at all.
    const anonymousConfig = configDir;
    configDir = await mkdtemp(path.join(tmpdir(), 'enclave-sharing-cli-anonymous-'));
    try {
      // Its name is taken here (the uploaded original): never overwritten.
      const refused = await enclave(['get', url]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('exists: pass --force to overwrite it');
      expect(await readFile(path.join(workDir, 'shared.bin'))).toEqual(bytes);

      const into = path.join(workDir, 'from-link');
      await mkdir(into);
      const fetched = await enclaveJson<{ path: string; bytes: number; file_name: string }>([
        'get',
        url,
        '-o',
        into,
      ]);
      expect(fetched).toMatchObject({ file_name: 'shared.bin', bytes: bytes.length });
      expect(fetched.path).toBe(path.join(into, 'shared.bin'));
      expect(sha256Hex(await readFile(fetched.path))).toBe(sha256Hex(bytes));

      // A bare token works as well as the whole link.
      const token = SHARE_URL.exec(url)?.[1] ?? '';
      const copy = path.join(workDir, 'by-token.bin');
      await enclaveJson(['get', token, '-o', copy]);
      expect(sha256Hex(await readFile(copy))).toBe(sha256Hex(bytes));
    } finally {
      await rm(configDir, { recursive: true, force: true });
      configDir = anonymousConfig;
    }
  }, 60_000);

  it('protects a link with a password from stdin: a wrong one fails clearly, the right one downloads', async () => {
    const created = await enclaveJson<{ url: string; password_protected: boolean }>(
      ['link', fileId, '--password-stdin'],
      'Link-Pass-123\n',
    );
    expect(created.password_protected).toBe(true);

    const wrong = await enclave(
      ['get', created.url, '-o', path.join(workDir, 'wrong.bin'), '--password-stdin'],
      'not-the-password\n',
    );
    expect(wrong).toMatchObject({ code: 3, stdout: '' });
    expect(wrong.stderr).toContain('enclave: wrong password for this share link\n');
    await expect(stat(path.join(workDir, 'wrong.bin'))).rejects.toMatchObject({ code: 'ENOENT' });

    const missing = await enclave(['get', created.url, '-o', path.join(workDir, 'none.bin')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('password protected: pass --password-stdin');

    const right = path.join(workDir, 'protected.bin');
    await enclaveJson(['get', created.url, '-o', right, '--password-stdin'], 'Link-Pass-123\n');
    expect(sha256Hex(await readFile(right))).toBe(sha256Hex(bytes));
  }, 60_000);

  it('stops a link after --max-downloads with exit 4', async () => {
    const created = await enclaveJson<{ url: string; max_downloads: number }>([
      'link',
      fileId,
      '--max-downloads',
      '1',
      '--expires',
      '30m',
    ]);
    expect(created.max_downloads).toBe(1);
    await enclaveJson(['get', created.url, '-o', path.join(workDir, 'once.bin')]);
    const again = await enclave(['get', created.url, '-o', path.join(workDir, 'twice.bin')]);
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/^enclave: this share no longer works: .+\n$/);
  }, 60_000);

  it('shares by e-mail with two people (two mails), lists the shares, revokes one: its `get` exits 4', async () => {
    const [ada, bob] = [`ada-${randomUUID()}@example.test`, `bob-${randomUUID()}@example.test`];
    const shared = await enclaveJson<{ status: string; shares: ListedShare[] }>([
      'share',
      fileId,
      '--to',
      `${ada}, ${bob}`,
      '--expires',
      '7d',
      '--message',
      'The figures, as promised.',
    ]);
    expect(shared.status).toBe('SHARED');
    expect(shared.shares.map((s) => s.recipient).sort()).toEqual([ada, bob].sort());
    const shareOf = (address: string) => shared.shares.find((s) => s.recipient === address);

    const [adaLink, bobLink] = await Promise.all([linkMailedTo(ada), linkMailedTo(bob)]);
    expect(adaLink).not.toBe(bobLink);

    const listed = await enclaveJson<{ shares: ListedShare[] }>(['shares', '--file', fileId]);
    expect(listed.shares.filter((s) => s.kind === 'EMAIL').map((s) => s.recipient)).toEqual(
      expect.arrayContaining([ada, bob]),
    );
    expect(listed.shares.filter((s) => s.kind === 'LINK')).toHaveLength(3);
    expect(listed.shares.every((s) => s.file_id === fileId)).toBe(true);
    const table = await enclave(['shares']);
    expect(table.code).toBe(0);
    const [header, ...rows] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^SHARE ID +FILE +TO +STATE +DOWNLOADS +EXPIRES +LAST ACCESS$/);
    expect(rows).toHaveLength(5);
    expect(rows.find((row) => row.includes(ada))).toMatch(
      new RegExp(`^${shareOf(ada)?.share_id} +shared\\.bin +${ada} +ACTIVE +0 `),
    );
    expect(rows.find((row) => row.includes('link') && row.includes('EXHAUSTED'))).toMatch(/ 1\/1 /);

    const revoked = await enclaveJson<{ state: string }>(['revoke', shareOf(ada)?.share_id ?? '']);
    expect(revoked.state).toBe('REVOKED');

    const gone = await enclave(['get', adaLink, '-o', path.join(workDir, 'ada.bin')]);
    expect(gone.code).toBe(4);
    expect(gone.stdout).toBe('');
    expect(gone.stderr).toMatch(/^enclave: this share no longer works: .+\n$/);
    await expect(stat(path.join(workDir, 'ada.bin'))).rejects.toMatchObject({ code: 'ENOENT' });

    // Bob's own share is untouched.
    const kept = path.join(workDir, 'bob.bin');
    await enclaveJson(['get', bobLink, '-o', kept]);
    expect(sha256Hex(await readFile(kept))).toBe(sha256Hex(bytes));
    const after = await enclaveJson<{ shares: ListedShare[] }>(['shares', '--file', fileId]);
    expect(after.shares.find((s) => s.recipient === ada)?.state).toBe('REVOKED');
    expect(after.shares.find((s) => s.recipient === bob)).toMatchObject({
      state: 'ACTIVE',
      downloads: 1,
    });
  }, 60_000);
});
