import { contractOperations } from '@enclave/api-contract';
import { routeTable, type RunningService, startGateway } from '@enclave/local-stack';
import {
  nextTotpCode,
  type ServiceProcess,
  signUpUser,
  startServiceProcess,
  startTestStack,
  type TestStack,
  type TestUser,
} from '@enclave/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cliRunner } from './testing/cli-runner.fixture';

// `enclave key` and `enclave key shred`, the bundle run as a user would, against the uploads
// and keys services' bundles behind the local gateway, in per_user mode with the local KMS.
let stack: TestStack;
let uploads: ServiceProcess;
let keys: ServiceProcess;
let gateway: RunningService;
let configDir: string;
let workDir: string;
let user: TestUser;

const cli = cliRunner(() => ({
  apiUrl: gateway.endpoint,
  authUrl: stack.auth.endpoint,
  configDir,
  workDir,
}));

interface KeyStatus {
  kms_mode: string;
  state: string;
  key_id?: string;
}

beforeAll(async () => {
  stack = await startTestStack({ kmsMode: 'per_user' });
  [uploads, keys] = await Promise.all([
    startServiceProcess('uploads', stack.env),
    startServiceProcess('keys', stack.env),
  ]);
  gateway = await startGateway({
    routes: routeTable(contractOperations()),
    upstreams: new Map([
      ['uploads', uploads.endpoint],
      ['keys', keys.endpoint],
    ]),
  });
  configDir = await mkdtemp(path.join(tmpdir(), 'enclave-key-cli-config-'));
  workDir = await mkdtemp(path.join(tmpdir(), 'enclave-key-cli-work-'));
  user = await signUpUser(stack);
  const login = await cli.run(
    ['login', '--email', user.email, '--password-stdin', '--otp', await nextTotpCode(user)],
    `${user.password}\n`,
  );
  if (login.code !== 0) throw new Error(`login failed: ${login.stderr}`);
}, 90_000);

afterAll(async () => {
  await gateway?.stop();
  await Promise.all([uploads?.stop(), keys?.stop()]);
  await stack?.stop();
  for (const dir of [configDir, workDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('enclave key against the local stack (per_user mode)', () => {
  it('shows no key before the first upload, then the key the upload made', async () => {
    expect(await cli.json<KeyStatus>(['key'])).toEqual({ kms_mode: 'per_user', state: 'NONE' });
    await writeFile(path.join(workDir, 'secret.txt'), randomBytes(2000));
    const uploaded = await cli.json<{ files: { status: string }[] }>(['upload', 'secret.txt']);
    expect(uploaded.files[0]?.status).toBe('READY');

    const shown = await cli.run(['key']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/one KMS key of your own \(per_user\)/);
    expect(shown.stdout).toMatch(/READY/);
    const status = await cli.json<KeyStatus>(['key']);
    expect(status.state).toBe('READY');
    expect(shown.stdout).toContain(status.key_id);
  });

  it('shreds nothing unless the e-mail is typed exactly', async () => {
    const refused = await cli.run(['key', 'shred'], `${user.email.toUpperCase()}\n`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/nothing was shredded/);
    expect((await cli.json<KeyStatus>(['key'])).state).toBe('READY');
    expect((await cli.json<{ files: unknown[] }>(['ls'])).files).toHaveLength(1);
  });

  it('shreds the key and every file once the e-mail is typed', async () => {
    const shredded = await cli.run(['key', 'shred'], `${user.email}\n`);
    expect(shredded.code).toBe(0);
    expect(shredded.stdout).toMatch(/Shredded: 1 file\(s\) removed/);
    expect((await cli.json<{ files: unknown[] }>(['ls'])).files).toEqual([]);
    expect(await cli.json<KeyStatus>(['key'])).toMatchObject({ state: 'SHREDDED' });
    expect(await stack.objectKeys(`${user.user_id}/`)).toEqual([]);
  });
});
