import { type ChildService, spawnService } from './child-service';
import type { Log } from './log';

/**
 * Runs a service's scheduled job (e.g. uploads' `sweep.js`, a scheduled Lambda on AWS) now and
 * then every `intervalMs`, one run at a time. Returns a stop that waits for a running job.
 */
export function scheduleJob(options: {
  name: string;
  bundle: string;
  env: Record<string, string>;
  intervalMs: number;
  log: Log;
}): () => Promise<void> {
  let running: ChildService | undefined;
  const run = (): void => {
    if (running) return;
    const child = spawnService({
      name: options.name,
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
