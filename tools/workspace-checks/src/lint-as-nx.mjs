// Lints text the way the inferred `nx lint` target does: ESLint's Node API with the owning
// project's folder as cwd, so that project's eslint.config.mjs and the globs in it resolve as
// they do in `nx run <project>:lint`.
// Its own process because jest cannot import an ESM config file without --experimental-vm-modules.
// stdin: JSON [{ filePath, text }] with paths relative to the workspace root.
// stdout: the results as JSON on the last line (the Nx rule may print warnings before it).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { text } from 'node:stream/consumers';
import { createProjectGraphAsync, readCachedProjectGraph, workspaceRoot } from '@nx/devkit';
import { ESLint } from 'eslint';

function projectRootOf(file) {
  for (let dir = dirname(file); dir.startsWith(workspaceRoot); dir = dirname(dir)) {
    if (existsSync(join(dir, 'project.json'))) return dir;
  }
  throw new Error(`${file} belongs to no project`);
}

// Without a cached project graph @nx/enforce-module-boundaries skips itself silently.
try {
  readCachedProjectGraph();
} catch {
  await createProjectGraphAsync({ exitOnError: true });
}

const eslintByRoot = new Map();
const results = [];
for (const { filePath, text: source } of JSON.parse(await text(process.stdin))) {
  const absolute = resolve(workspaceRoot, filePath);
  const cwd = projectRootOf(absolute);
  if (!eslintByRoot.has(cwd)) eslintByRoot.set(cwd, new ESLint({ cwd }));
  const [result] = await eslintByRoot.get(cwd).lintText(source, { filePath: absolute });
  results.push({
    filePath,
    messages: result.messages.map(({ ruleId, severity, message, line }) => ({
      ruleId,
      severity,
      message,
      line,
    })),
  });
}
process.stdout.write(`\n${JSON.stringify(results)}\n`);
