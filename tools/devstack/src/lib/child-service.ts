import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Log } from './log';

export interface ChildService {
  name: string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL if it has not ended within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

function pipeLines(stream: Readable, log: Log): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', log);
}

/** Runs `node <bundle>` with `env`; its stdout and stderr go to `log` line by line. */
export function spawnService(options: {
  name: string;
  bundle: string;
  env: Record<string, string>;
  log: Log;
}): ChildService {
  const child = spawn(process.execPath, ['--enable-source-maps', options.bundle], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pipeLines(child.stdout, options.log);
  pipeLines(child.stderr, options.log);

  const exited = new Promise<number | string>((resolve) => {
    child.once('error', (error) => {
      options.log(`could not start: ${error.message}`);
      resolve(-1);
    });
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });

  let stopped: Promise<void> | undefined;
  return {
    name: options.name,
    exited,
    stop(graceMs = 5000) {
      stopped ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => {
          options.log(`did not stop within ${graceMs} ms; killing it`);
          child.kill('SIGKILL');
        }, graceMs);
        await exited;
        clearTimeout(timer);
      })();
      return stopped;
    },
  };
}

/** Polls `GET {endpoint}/health` until it answers 200, the child exits, or time runs out. */
export async function waitForHealth(
  endpoint: string,
  child: ChildService,
  timeoutMs: number,
): Promise<boolean> {
  let ended = false;
  void child.exited.then(() => (ended = true));
  const deadline = Date.now() + timeoutMs;
  while (!ended && Date.now() < deadline) {
    try {
      const response = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
