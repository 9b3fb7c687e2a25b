import { homedir } from 'node:os';
import path from 'node:path';

/** `$ENCLAVE_CONFIG_DIR`, else `$XDG_CONFIG_HOME/enclave`, else `~/.config/enclave`. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['ENCLAVE_CONFIG_DIR']) return path.resolve(env['ENCLAVE_CONFIG_DIR']);
  const base = env['XDG_CONFIG_HOME'] || path.join(homedir(), '.config');
  return path.join(base, 'enclave');
}

/** Where interrupted uploads keep their state, so the same command resumes them. */
export function uploadStateDir(dir: string): string {
  return path.join(dir, 'uploads');
}
