// A server process for a benchmark: like startNodeProcess in @enclave/testing (fork the bundle
// on a free loopback port, wait for GET /health), but it also exposes the pid and reads the
// process's CPU time, so a benchmark can report CPU per request for each server it runs.
import { freePort } from '@enclave/local-stack';
import { execFileSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface BenchProcess {
  endpoint: string;
  pid: number;
  /** User + system CPU the process has used so far, in milliseconds (from /proc/<pid>/stat). */
  cpuMs(): number;
  stop(): Promise<void>;
}

let ticksPerSecond: number | undefined;

/** Clock ticks per second, the unit of /proc/<pid>/stat's CPU fields (normally 100). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      ticksPerSecond = 100;
    }
    if (!Number.isFinite(ticksPerSecond) || ticksPerSecond <= 0) ticksPerSecond = 100;
  }
  return ticksPerSecond;
}

/** utime + stime (fields 14 and 15) of a process, in milliseconds. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Field 2 is the command name in parentheses and may hold spaces: count from after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so field N is fields[N - 3].
  const ticks = Number(fields[14 - 3]) + Number(fields[15 - 3]);
  return (ticks * 1000) / clockTicks();
}

/** Forks `node script` with `env` plus PORT and HOST until it answers `GET /health`. */
export async function startBenchProcess(
  script: string,
  env: Record<string, string>,
): Promise<BenchProcess> {
  const port = await freePort();
  // BENCH_CPU_PROFILE_DIR=dir: each server writes a V8 CPU profile there when it stops.
  const profileDir = process.env['BENCH_CPU_PROFILE_DIR'];
  const child = fork(script, [], {
    execArgv: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const pid = child.pid;
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const name = path.basename(script);
  if (pid === undefined) throw new Error(`${name} did not start`);
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode} while starting`);
    const healthy = await fetch(`${endpoint}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return { endpoint, pid, cpuMs: () => processCpuMs(pid), stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`${name} did not answer /health within 10 s`);
}
