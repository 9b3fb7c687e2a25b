#!/usr/bin/env node
// Generates libs/api-contract/src/generated from openapi.yaml:
//   schema.ts            types (openapi-typescript) for the typed client and the services
//   openapi-document.ts  the document itself, for request validation and gateway routing
// With --check it writes nothing and fails when the committed files are stale.
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { parse } from 'yaml';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const specPath = path.join(root, 'openapi.yaml');
const outDir = path.join(import.meta.dirname, 'src/generated');
const check = process.argv.includes('--check');
const banner = '// Generated from openapi.yaml by libs/api-contract/generate.mjs. Do not edit.\n';

const source = await readFile(specPath, 'utf8');
const document = parse(source);
const types = astToString(
  await openapiTS(document, { alphabetize: false, rootTypes: false, defaultNonNullable: false }),
);

const prettierOptions = { ...(await resolveConfig(specPath)), parser: 'typescript' };
const files = {
  'schema.ts': banner + '/* eslint-disable */\n' + types,
  'openapi-document.ts':
    banner + `export const openApiDocument = ${JSON.stringify(document)} as const;\n`,
};

const stale = [];
for (const [name, content] of Object.entries(files)) {
  const target = path.join(outDir, name);
  const formatted = await format(content, prettierOptions);
  if (check) {
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== formatted) stale.push(path.relative(root, target));
  } else {
    await mkdir(outDir, { recursive: true });
    await writeFile(target, formatted);
  }
}
if (stale.length) {
  console.error(`Stale generated contract: ${stale.join(', ')}.\nRun: npm run contract`);
  process.exit(1);
}
console.log(
  check ? 'Generated contract is up to date.' : `Generated ${Object.keys(files).join(', ')}.`,
);
