import { appendFileSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';

/**
 * Where a test run keeps the logs of the services it starts, so they can be searched for
 * credentials afterwards (tools/scripts/test-logs.mjs): `ENCLAVE_TEST_LOG_DIR`, which `npm test`
 * sets. Unset, service output is dropped as before.
 */
export function testLogDir(): string | undefined {
  const dir = process.env['ENCLAVE_TEST_LOG_DIR'];
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A file for one service process's output (its JSON log lines), opened for appending, or
 * undefined when the run keeps no logs.
 */
export function serviceLogFile(service: string): number | undefined {
  const dir = testLogDir();
  if (!dir) return undefined;
  return openSync(path.join(dir, `${service}-${process.pid}-${Date.now()}.log`), 'a');
}

/**
 * Notes credentials a test made (a user's password, TOTP secret, tokens), so the log search can
 * tell whether any of them reached a service's log. One JSON line per note, appended: every jest
 * worker writes to the same file.
 */
export function noteTestSecrets(secrets: Record<string, string>): void {
  const dir = testLogDir();
  if (!dir) return;
  appendFileSync(path.join(dir, 'secrets.jsonl'), `${JSON.stringify(secrets)}\n`);
}
