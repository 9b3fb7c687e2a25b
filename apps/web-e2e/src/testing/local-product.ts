import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
const DEVSTACK = path.join(ROOT, 'dist/tools/devstack/main.js');

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
export async function startLocalProduct(timeoutMs = 90_000): Promise<LocalProduct> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'enclave-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [DEVSTACK], {
    cwd: ROOT,
    env: { ...process.env, ENCLAVE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
