import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The workspace root: the nearest folder up from here holding nx.json (sources or a bundle). */
function workspaceRoot(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir))
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
  return process.cwd();
}

/** The whole product as `npm start` runs it, on its usual ports, with throwaway data. */
export interface LocalProduct {
  portal: string;
  mailbox: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the built devstack (portal, gateway, services, stand-ins) in a fresh data folder and
 * resolves once its banner is printed. The portal is built for the usual ports (its AUTH_URL and
 * FILE_URL are build-time settings), so those ports must be free.
 */
export async function startLocalProduct(
  options: {
    /** Service settings to change, e.g. a lower multipart threshold: the devstack passes its
     * environment on to every service. */
    settings?: Readonly<Record<string, string>>;
    timeoutMs?: number;
  } = {},
): Promise<LocalProduct> {
  const timeoutMs = options.timeoutMs ?? 90_000;
  const root = workspaceRoot();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'enclave-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'dist/tools/devstack/main.js')],
    {
      cwd: root,
      env: { ...process.env, ...options.settings, ENCLAVE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`devstack did not come up in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Enclave local stack is up')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`devstack exited (${code}) before it was up:\n${output}`));
    });
  });
  const portal = /portal +(http:\/\/\S+)/.exec(output)?.[1];
  if (!portal) throw new Error(`the banner names no portal (is apps/web built?):\n${output}`);
  return {
    portal,
    mailbox: 'http://127.0.0.1:8005',
    output: () => output,
    async stop() {
      child.kill('SIGINT');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
