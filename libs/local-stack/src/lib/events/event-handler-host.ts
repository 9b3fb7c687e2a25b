import { type ChildProcess, fork } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface EventHandlerHost {
  /** Hands one event to the handler, as an AWS event source invokes its Lambda. */
  deliver(event: unknown): void;
  /** Resolves once every event delivered so far has been handled (or its handler has died). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

/**
 * The local stand-in for an AWS event source and its Lambda: the handler's bundle runs in one
 * long-lived child (its `eventHandler` entry serves events over IPC and exits when devstack goes
 * away), started again on the next event if it died.
 */
export function hostEventHandler(options: {
  name: string;
  bundle: string;
  env: Record<string, string>;
  /** Where the handler's output goes, line by line. */
  log: (line: string) => void;
}): EventHandlerHost {
  let child: ChildProcess | undefined;
  let nextId = 1;
  const pending = new Set<number>();
  let waiters: (() => void)[] = [];
  const settle = (id: number): void => {
    pending.delete(id);
    if (pending.size > 0) return;
    for (const wake of waiters.splice(0)) wake();
  };

  const start = (): ChildProcess => {
    const started = fork(options.bundle, [], {
      execArgv: ['--enable-source-maps'],
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    for (const stream of [started.stdout, started.stderr])
      if (stream) createInterface({ input: stream, crlfDelay: Infinity }).on('line', options.log);
    started.on('message', (reply: Reply) => {
      if (reply.error) options.log(`event ${reply.id} failed: ${reply.error}`);
      settle(reply.id);
    });
    started.once('exit', (code, signal) => {
      if (child === started) child = undefined;
      if (pending.size > 0) options.log(`exited (${code ?? signal}) with events in hand`);
      for (const id of [...pending]) settle(id);
    });
    started.once('error', (error) => options.log(`could not start: ${error.message}`));
    return started;
  };

  return {
    deliver(event) {
      child ??= start();
      const id = nextId++;
      pending.add(id);
      child.send({ id, event }, (error) => {
        if (error) {
          options.log(`could not deliver event ${id}: ${error.message}`);
          settle(id);
        }
      });
    },
    idle: () =>
      pending.size === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve)),
    async stop() {
      const running = child;
      child = undefined;
      waiters = [];
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.disconnect();
      const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
