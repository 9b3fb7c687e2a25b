import { freePort } from '@enclave/local-stack';
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

const root = resolve(__dirname, '../../../..');
const fixtures = join(__dirname, 'parent-death-fixtures');

/** Alive and not a zombie (an orphan's new parent may be slow to reap it, or never reap it). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

async function until(condition: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    if (await condition()) return true;
    await new Promise((done) => setTimeout(done, 50));
  }
  return condition();
}

describe('spawnService', () => {
  let parent: ChildProcessByStdio<null, Readable, null> | undefined;
  let childPid: number | undefined;

  afterEach(() => {
    // On failure the orphan would outlive the test run: end it here.
    if (parent?.exitCode === null) parent.kill('SIGKILL');
    if (childPid !== undefined && isRunning(childPid)) process.kill(childPid, 'SIGKILL');
  });

  it('takes the service down with a SIGKILLed devstack: it ends within seconds and frees its port', async () => {
    const port = await freePort();
    parent = spawn(
      process.execPath,
      [join(fixtures, 'devstack-like.ts'), join(fixtures, 'service-main.ts')],
      {
        cwd: root,
        env: {
          ...process.env,
          // Both the parent and the service it spawns run from the TypeScript sources.
          NODE_OPTIONS: '-r @swc-node/register',
          PORT: String(port),
          HOST: '127.0.0.1',
          AUTH_ENDPOINT: 'http://127.0.0.1:9',
          LOG_LEVEL: 'silent',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const lines = createInterface({ input: parent.stdout });
    childPid = await new Promise<number>((done, fail) => {
      lines.on('line', (line) => {
        const match = /^child pid (\d+)$/.exec(line);
        if (match) done(Number(match[1]));
      });
      parent?.once('exit', () => fail(new Error('the devstack-like parent exited')));
    });
    const pid = childPid;
    const healthy = await until(
      () =>
        fetch(`http://127.0.0.1:${port}/health`).then(
          (response) => response.ok,
          () => false,
        ),
      15_000,
    );
    expect(healthy).toBe(true);

    const killedAt = Date.now();
    parent.kill('SIGKILL');
    expect(await until(() => !isRunning(pid), 3000)).toBe(true);
    expect(await portIsFree(port)).toBe(true);
    expect(Date.now() - killedAt).toBeLessThan(3000);
  });
});
