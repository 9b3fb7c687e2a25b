import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Log } from './log';

export interface ChildService {
  name: string;
  /** The process id, once started. */
  pid: number | undefined;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL if it has not ended within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

function pipeLines(stream: Readable, log: Log): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', log);
}

/**
 * Runs `node <bundle>` with `env`; its stdout and stderr go to `log` line by line. The child gets
 * an IPC channel it never uses for messages: the kernel closes it when devstack ends, however it
 * ends (SIGKILL and crashes included), and the service entry points exit on that (service-kit's
 * exitWithParent), so no orphan keeps its port for the next `npm start`.
 */
export function spawnService(options: {
  name: string;
  bundle: string;
  env: Record<string, string>;
  log: Log;
}): ChildService {
  const child = spawn(process.execPath, ['--enable-source-maps', options.bundle], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // Both are pipes (stdio above); with 'ipc' among them, the types no longer say so.
  for (const stream of [child.stdout, child.stderr]) if (stream) pipeLines(stream, options.log);

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
    pid: child.pid,
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
