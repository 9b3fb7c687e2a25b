#!/usr/bin/env node
// The log search over a test run: `reset` empties the folder the run's services log into
// (ENCLAVE_TEST_LOG_DIR, see libs/testing/src/lib/test-logs.ts); `scan` fails when any log line
// holds a credential: a password, TOTP secret or token a test noted, any bearer token or JWT,
// or a presigned URL's signature.
//
//   node tools/scripts/test-logs.mjs reset|scan [dir]   (dir defaults to dist/test-logs)
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const [command, dirArgument] = process.argv.slice(2);
const dir = path.resolve(dirArgument ?? 'dist/test-logs');

/** Credentials by their shape, whoever made them. */
const PATTERNS = [
  ['a presigned URL signature', /X-Amz-Signature=[0-9a-f]{16,}/i],
  ['a bearer token', /Bearer\s+(?!\[redacted\])[A-Za-z0-9._~+/-]{16,}/i],
  ['a JWT', /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./],
];

function reset() {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

function noted() {
  const file = path.join(dir, 'secrets.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => Object.entries(JSON.parse(line)))
    .filter(([, value]) => typeof value === 'string' && value.length >= 8);
}

function scan() {
  const logs = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.log')) : [];
  const secrets = noted();
  const findings = [];
  let lines = 0;
  for (const name of logs) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    text.split('\n').forEach((line, index) => {
      if (!line) return;
      lines++;
      const where = `${name}:${index + 1}`;
      for (const [what, pattern] of PATTERNS)
        if (pattern.test(line)) findings.push(`${where}: ${what}`);
      for (const [kind, value] of secrets)
        if (line.includes(value)) findings.push(`${where}: a ${kind}`);
    });
  }
  console.log(
    `test-logs: ${lines} log lines in ${logs.length} service logs searched for ${secrets.length} noted credentials and ${PATTERNS.length} credential shapes`,
  );
  if (logs.length === 0 || lines === 0) {
    // Nx replays cached test runs without running them; CI runs every test, so it must have logs.
    const message =
      'test-logs: no service logs were kept (tests replayed from the Nx cache, or ENCLAVE_TEST_LOG_DIR unset)';
    if (!process.env.CI) return console.warn(message);
    console.error(message);
    process.exit(1);
  }
  if (findings.length) {
    // Where, and what kind: never the value itself.
    console.error(
      `test-logs: ${findings.length} credential(s) in the logs:\n  ${findings.slice(0, 50).join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log('test-logs: no credential found');
}

if (command === 'reset') reset();
else if (command === 'scan') scan();
else {
  console.error('usage: test-logs.mjs reset|scan [dir]');
  process.exit(2);
}
