import { spawn } from 'node:child_process';
import { type ColdInitTimes, RESULT_PREFIX } from './result';

export interface ColdStartTarget {
  label: string;
  file: string;
  env: Record<string, string>;
}

export interface Sample extends ColdInitTimes {
  /** Parent's view: spawn → the child process has exited. */
  wallMs: number;
}

/**
 * One cold start: a fresh `node` running `runner` on the target's bundle with only the target's
 * environment. Rejects with the child's stderr unless the bundle answered GET /health with 200.
 */
export function coldStart(runner: string, cwd: string, target: ColdStartTarget): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let wallMs = 0;
    const child = spawn(process.execPath, [runner, target.file], {
      cwd,
      env: target.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', () => (wallMs = Number(process.hrtime.bigint() - started) / 1e6));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) {
        reject(
          new Error(
            `${target.label} (${target.file}) did not answer GET /health with 200 (exit ${code}):\n${(stderr.trim() || stdout.trim()).slice(-1500)}`,
          ),
        );
        return;
      }
      const times = JSON.parse(line.slice(RESULT_PREFIX.length)) as ColdInitTimes;
      resolve({ ...times, wallMs });
    });
  });
}
