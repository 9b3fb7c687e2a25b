// A server process for a benchmark: startNodeProcess from @enclave/testing, plus the process's
// CPU time, so a benchmark can report CPU per request for each server it runs.
import { startNodeProcess } from '@enclave/testing';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

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

/**
 * Forks `node script` with `env` on a free port, as the test harness does, until it answers
 * `GET /health`; also reads its CPU time. BENCH_CPU_PROFILE_DIR=dir makes it write a V8 CPU
 * profile there when it stops.
 */
export async function startBenchProcess(
  script: string,
  env: Record<string, string>,
): Promise<BenchProcess> {
  const profileDir = process.env['BENCH_CPU_PROFILE_DIR'];
  const running = await startNodeProcess(script, env, {
    execArgv: profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
  });
  return { ...running, cpuMs: () => processCpuMs(running.pid) };
}
