#!/usr/bin/env node
// Bundles a Node entry point with esbuild. Files with decorators go through TypeScript first,
// because esbuild drops the decorator metadata that Nest's constructor injection needs; they
// come out as ES modules (tsconfig.decorators.json), so esbuild still drops what is unused.
//
//   node tools/scripts/bundle.mjs --outdir dist/apps/x --entry a.ts [--entry b.ts]
//        [--target node22] [--external-packages] [--banner '#!/usr/bin/env node']
import { build } from 'esbuild';
import esbuildPluginTsc from 'esbuild-plugin-tsc';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import path from 'node:path';

const { values } = parseArgs({
  options: {
    entry: { type: 'string', multiple: true },
    outdir: { type: 'string' },
    target: { type: 'string', default: 'node20' },
    'external-packages': { type: 'boolean', default: false },
    // Text put first in every output file, e.g. a shebang for an executable CLI.
    banner: { type: 'string' },
  },
});
if (!values.entry?.length || !values.outdir) {
  console.error('usage: bundle.mjs --outdir DIR --entry FILE [--entry FILE] [--target nodeNN]');
  process.exit(2);
}

const root = path.resolve(import.meta.dirname, '../..');
// Nest loads these lazily and only when used; leaving them out keeps the bundle small.
const nestOptional = [
  '@nestjs/microservices',
  '@nestjs/microservices/*',
  '@nestjs/websockets',
  '@nestjs/websockets/*',
  'class-transformer',
  'class-transformer/*',
  'class-validator',
  '@fastify/*',
];

/** Every package the workspace depends on, by name. */
function dependencyNames() {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
}

await build({
  absWorkingDir: root,
  entryPoints: values.entry,
  outdir: values.outdir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: values.target,
  // Minified, with the map beside it (not inline): Lambda loads less on a cold start, and stack
  // traces still resolve with --enable-source-maps.
  minify: true,
  sourcemap: 'linked',
  keepNames: true,
  // Prefer packages' ES module builds (the AWS SDK ships both): esbuild can drop what is unused.
  mainFields: ['module', 'main'],
  // Those builds load some Node modules lazily with import(); as require() they stay lazy and
  // also load where dynamic import is unavailable (jest's VM, which the Lambda test runs in).
  supported: { 'dynamic-import': false },
  tsconfig: path.join(root, 'tsconfig.base.json'),
  packages: values['external-packages'] ? 'external' : undefined,
  banner: values.banner ? { js: values.banner } : undefined,
  // Named as well as `packages: 'external'`: tsconfig's baseUrl would otherwise resolve a package
  // whose name matches a file at the root (`cdktf` → cdktf.json) to that file.
  external: values['external-packages'] ? [...nestOptional, ...dependencyNames()] : nestOptional,
  logLevel: 'warning',
  plugins: [
    esbuildPluginTsc({ tsconfigPath: path.join(root, 'tools/scripts/tsconfig.decorators.json') }),
  ],
});
