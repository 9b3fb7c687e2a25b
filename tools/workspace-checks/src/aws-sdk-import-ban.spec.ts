import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

// Apps (and their tests) reach AWS only through @enclave/storage and @enclave/metadata; the ban
// is a depConstraint in the root eslint.config.mjs. This lints a fixture as if it were a file of
// each project, the way `nx lint` does (see lint-as-nx.mjs), and checks the ban fires where it
// should and only there.

const workspaceRoot = resolve(__dirname, '../../..');
const rule = '@nx/enforce-module-boundaries';

const fixture = `import { S3Client } from '@aws-sdk/client-s3';
import { HttpRequest } from '@smithy/protocol-http';

export const client = new S3Client({});
export const request = new HttpRequest({});
`;

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
}
interface LintResult {
  filePath: string;
  messages: LintMessage[];
}

function lintAsNx(files: { filePath: string; text: string }[]): Promise<LintResult[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(__dirname, 'lint-as-nx.mjs')], {
      cwd: workspaceRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`lint-as-nx.mjs exited with ${code}:\n${err}${out}`));
      done(JSON.parse(out.trim().split('\n').pop() ?? '') as LintResult[]);
    });
    child.stdin.end(JSON.stringify(files));
  });
}

describe('AWS SDK import ban', () => {
  const appService = 'apps/uploads-api/src/files/files.service.ts';
  const appIntSpec = 'apps/uploads-api/src/uploads.int-spec.ts';
  const storageAdapter = 'libs/storage/src/lib/file-storage.ts';
  // A scope:api lib may not import the dev-scope harness: proves the rule ran for that file.
  const canary = `import '@enclave/testing';\n`;
  let results: LintResult[];

  beforeAll(async () => {
    results = await lintAsNx([
      { filePath: appService, text: fixture },
      { filePath: appIntSpec, text: fixture },
      { filePath: storageAdapter, text: fixture + canary },
    ]);
  }, 120_000);

  function errorsFor(filePath: string): LintMessage[] {
    const messages = results.find((r) => r.filePath === filePath)?.messages ?? [];
    // A parsing error here usually means the file was moved: pick another file of that project.
    expect(messages.filter((m) => m.ruleId === null)).toEqual([]);
    return messages.filter((m) => m.ruleId === rule && m.severity === 2);
  }

  it.each([appService, appIntSpec])('rejects @aws-sdk/* and @smithy/* in %s', (filePath) => {
    const messages = errorsFor(filePath).map((m) => m.message);
    expect(messages).toEqual([
      expect.stringContaining('is not allowed to import "@aws-sdk/client-s3"'),
      expect.stringContaining('is not allowed to import "@smithy/protocol-http"'),
    ]);
  });

  it('lets the storage adapter (scope:api, type:data-access) use the SDK', () => {
    const messages = errorsFor(storageAdapter).map((m) => m.message);
    expect(messages.filter((m) => /@aws-sdk|@smithy/.test(m))).toEqual([]);
    expect(messages).toEqual([expect.stringContaining('can only depend on libs tagged with')]);
  });
});
