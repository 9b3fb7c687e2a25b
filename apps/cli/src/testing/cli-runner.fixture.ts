import { spawn } from 'node:child_process';
import path from 'node:path';

/** The built `enclave` bundle, which the CLI's integration specs run as a user would. */
export const CLI_BUNDLE = path.resolve(__dirname, '../../../../dist/apps/cli/main.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Where one spec's CLI runs: the API and auth it talks to, its config and working folders. */
export interface CliPlace {
  apiUrl: string;
  authUrl: string;
  configDir: string;
  workDir: string;
}

/**
 * Runs the bundle with only the environment a user would give it. `place` is read at each run,
 * since specs learn their endpoints in beforeAll.
 */
export function cliRunner(place: () => CliPlace) {
  const env = (): NodeJS.ProcessEnv => {
    const { apiUrl, authUrl, configDir, workDir } = place();
    return {
      PATH: process.env['PATH'],
      HOME: workDir,
      ENCLAVE_CONFIG_DIR: configDir,
      ENCLAVE_API_URL: apiUrl,
      ENCLAVE_AUTH_URL: authUrl,
    };
  };
  const run = (args: string[], input = ''): Promise<CliRun> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI_BUNDLE, ...args], {
        cwd: place().workDir,
        env: env(),
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(input);
    });
  const json = async <T>(args: string[], input = ''): Promise<T> => {
    const result = await run(['--json', ...args], input);
    if (result.code !== 0)
      throw new Error(`enclave ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
    return JSON.parse(result.stdout) as T;
  };
  return { env, run, json };
}
