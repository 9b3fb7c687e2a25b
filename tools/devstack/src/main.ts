// `npm start`: the whole product on 127.0.0.1 (see ARCHITECTURE.md, "Local stack").
import { prefixed } from './lib/log';
import { type RunningDevstack, startDevstack } from './lib/devstack';
import { readSettings } from './lib/settings';

// The SDK warns once per process that future releases need Node 22; the lockfile pins a release
// that runs here, so the warning only buries the URLs.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const log = prefixed('devstack');
let stopping = false;

async function main(): Promise<void> {
  const settings = readSettings(process.env, process.cwd());
  // A signal during the start waits for it to finish, then stops everything it started.
  const running: Promise<RunningDevstack> = startDevstack(settings, log);

  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) {
      log(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: stopping`);
    void (async () => {
      try {
        const stack = await running;
        await stack.stop();
        log('stopped');
        process.exit(0);
      } catch (error) {
        // A start that was interrupted has already cleaned up after itself.
        log(`stopped (${(error as Error).message})`);
        process.exit(0);
      }
    })();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  const stack = await running;
  if (!stopping) console.log(`\n${stack.banner}\n`);
}

main().catch((error: unknown) => {
  // A start interrupted by Ctrl-C fails too; the signal handler reports and exits then.
  if (stopping) return;
  log(`cannot start: ${(error as Error).message}`);
  process.exit(1);
});
