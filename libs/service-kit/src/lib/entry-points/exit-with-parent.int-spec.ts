import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const root = resolve(__dirname, '../../../../..');
const helper = join(__dirname, 'exit-with-parent.ts');

interface Child {
  process: ChildProcess;
  /** Lines the child printed so far. */
  lines: string[];
  /** Resolves with the first line matching `pattern`. */
  line(pattern: RegExp): Promise<string>;
  exited: Promise<number | string>;
}

/**
 * Runs `body` in a child node (TypeScript via @swc-node/register) with `exitWithParent` in
 * scope; with `ipc` the child has the channel that devstack and the test harness give services.
 */
function start(body: string, ipc: boolean): Child {
  const script = `const { exitWithParent } = require(${JSON.stringify(helper)});\n${body}`;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', '-e', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit', ...(ipc ? (['ipc'] as const) : [])],
  });
  const lines: string[] = [];
  const waiting: { pattern: RegExp; done(line: string): void }[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    lines.push(line);
    for (const wait of waiting.filter((w) => w.pattern.test(line))) wait.done(line);
  });
  return {
    process: child,
    lines,
    line: (pattern) =>
      new Promise((done) => {
        const seen = lines.find((line) => pattern.test(line));
        if (seen) done(seen);
        else waiting.push({ pattern, done });
      }),
    exited: once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string),
  };
}

// A server whose close is logged; `exitWithParent` is given that close.
const server = (deadline = '') => `
  const server = require('node:http').createServer((req, res) => res.end('ok'));
  server.listen(0, '127.0.0.1', () => {
    console.log('port ' + server.address().port);
    exitWithParent(() => new Promise((done) => server.close(() => { console.log('closed'); done(); }))${deadline});
  });
`;

const running: Child[] = [];
const track = (child: Child): Child => (running.push(child), child);
afterEach(() => {
  for (const child of running.splice(0))
    if (child.process.exitCode === null && child.process.signalCode === null)
      child.process.kill('SIGKILL');
});

describe('exitWithParent', () => {
  it('closes and exits 0 once the parent is gone (its channel closed)', async () => {
    const child = track(start(server(), true));
    const port = Number((await child.line(/^port /)).slice(5));
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);

    child.process.disconnect();
    expect(await child.exited).toBe(0);
    expect(child.lines).toContain('closed');
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('exits 1 at the deadline when the close does not finish', async () => {
    const child = track(
      start(
        `exitWithParent(() => new Promise(() => undefined), 300);
         setInterval(() => undefined, 1000);
         console.log('ready');`,
        true,
      ),
    );
    await child.line(/^ready$/);
    const disconnectedAt = Date.now();
    child.process.disconnect();
    expect(await child.exited).toBe(1);
    expect(Date.now() - disconnectedAt).toBeGreaterThanOrEqual(250);
  });

  it('lets a job end by itself once it stops watching, parent still there', async () => {
    const child = track(
      start(
        `const stopWatching = exitWithParent(async () => undefined);
         setTimeout(() => { console.log('done'); stopWatching(); }, 100);`,
        true,
      ),
    );
    expect(await child.exited).toBe(0);
    expect(child.process.connected).toBe(false);
    expect(child.lines).toEqual(['done']);
  });

  it('does nothing in a process started without a channel (a service run by hand)', async () => {
    const child = track(start(server(), false));
    const port = Number((await child.line(/^port /)).slice(5));
    await new Promise((done) => setTimeout(done, 500));
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    expect(child.process.exitCode).toBeNull();
  });
});
