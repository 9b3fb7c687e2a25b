import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { freePort } from '@enclave/local-stack';

const WORKSPACE = path.resolve(__dirname, '../../..');
const MAIN = path.join(__dirname, 'main.ts');

/** main.ts as `nx serve` runs it, but in a scratch folder so its `.enclave/kms` lands there. */
function startMain(cwd: string, port: string): { child: ChildProcess; output: () => string } {
  const child = spawn(
    process.execPath,
    ['-r', require.resolve('@swc-node/register', { paths: [WORKSPACE] }), MAIN],
    {
      cwd,
      env: {
        ...process.env,
        LOCAL_KMS_PORT: port,
        SWC_NODE_PROJECT: path.join(WORKSPACE, 'tsconfig.base.json'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return condition();
}

describe('local-kms main.ts', () => {
  let cwd: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), 'local-kms-main-'));
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await rm(cwd, { recursive: true, force: true });
  });

  it('serves on LOCAL_KMS_PORT, keeps data in .enclave/kms and stops on SIGTERM', async () => {
    const port = await freePort();
    const { child, output } = startMain(cwd, String(port));
    children.push(child);
    expect(await until(() => output().includes('listening on'), 20_000)).toBe(true);
    expect(output()).toContain(`local-kms listening on http://127.0.0.1:${port}`);

    const client = new KMSClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const { KeyMetadata } = await client.send(new CreateKeyCommand({}));
    client.destroy();
    const saved = await readFile(path.join(cwd, '.enclave/kms/kms.json'), 'utf8');
    expect(saved).toContain(KeyMetadata?.KeyId);

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  });

  it('refuses a LOCAL_KMS_PORT that is not a port number', async () => {
    const { child, output } = startMain(cwd, 'not-a-port');
    children.push(child);
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output()).toContain('LOCAL_KMS_PORT must be a port number, got "not-a-port"');
  });
});
