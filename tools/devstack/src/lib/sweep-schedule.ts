import { type ChildService, spawnService } from './child-service';
import type { Log } from './log';

/**
 * Runs the uploads service's abandoned-upload sweep (`sweep.js`, a scheduled Lambda on AWS) now
 * and then every `intervalMs`, one run at a time. Returns a stop that waits for a running sweep.
 */
export function scheduleSweeps(options: {
  bundle: string;
  env: Record<string, string>;
  intervalMs: number;
  log: Log;
}): () => Promise<void> {
  let running: ChildService | undefined;
  const run = (): void => {
    if (running) return;
    const child = spawnService({
      name: 'sweep',
      bundle: options.bundle,
      env: options.env,
      log: options.log,
    });
    running = child;
    void child.exited.then(() => {
      if (running === child) running = undefined;
    });
  };
  run();
  const timer = setInterval(run, options.intervalMs);
  return async () => {
    clearInterval(timer);
    await running?.stop();
  };
}
