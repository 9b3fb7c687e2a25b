import { freePort } from '@enclave/local-stack';
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { spawnService } from './child-service';

const root = resolve(__dirname, '../../../..');
const fixtures = join(__dirname, 'parent-death-fixtures');

// What the fixtures need: TypeScript sources run directly, and a service config.
const fixtureEnv = {
  NODE_OPTIONS: '-r @swc-node/register',
  // The path aliases, whatever the working directory (Nx runs jest from the project's folder).
  SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'),
  HOST: '127.0.0.1',
  AUTH_ENDPOINT: 'http://127.0.0.1:9',
  LOG_LEVEL: 'silent',
};

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
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
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
    parent = childPid = undefined;
  });

  /**
   * Starts a devstack-like parent that runs `fixture` through spawnService; resolves with the
   * child's pid once the child has printed a line matching `ready`.
   */
  async function underParent(
    fixture: string,
    env: Record<string, string>,
    ready: RegExp,
  ): Promise<number> {
    const started = spawn(
      process.execPath,
      [join(fixtures, 'devstack-like.ts'), join(fixtures, fixture)],
      {
        cwd: root,
        env: { ...process.env, ...fixtureEnv, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    parent = started;
    let pid: number | undefined;
    return new Promise<number>((done, fail) => {
      createInterface({ input: started.stdout }).on('line', (line) => {
        const match = /^child pid (\d+)$/.exec(line);
        if (match) childPid = pid = Number(match[1]);
        else if (pid !== undefined && ready.test(line)) done(pid);
      });
      started.once('exit', () => fail(new Error('the devstack-like parent exited')));
    });
  }

  it('takes a service down with a SIGKILLed devstack: it ends within seconds and frees its port', async () => {
    const port = await freePort();
    const pid = await underParent('service-main.ts', { PORT: String(port) }, /listening on/);
    expect(isRunning(pid)).toBe(true);

    parent?.kill('SIGKILL');
    expect(await until(() => !isRunning(pid), 3000)).toBe(true);
    expect(await portIsFree(port)).toBe(true);
  });

  it('takes a running job down with a SIGKILLed devstack', async () => {
    const pid = await underParent('job-main.ts', { JOB_MS: '60000' }, /^job started$/);
    parent?.kill('SIGKILL');
    expect(await until(() => !isRunning(pid), 3000)).toBe(true);
  });

  it('lets a job that has finished end by itself while devstack runs', async () => {
    const lines: string[] = [];
    const job = spawnService({
      name: 'job',
      bundle: join(fixtures, 'job-main.ts'),
      env: { ...(process.env as Record<string, string>), ...fixtureEnv, JOB_MS: '0' },
      log: (line) => lines.push(line),
    });
    childPid = job.pid;
    // One assertion, so a failure shows what the job printed along with how it ended.
    expect({ exited: await job.exited, lines }).toEqual({
      exited: 0,
      lines: ['job started', '"swept"'],
    });
  });
});
