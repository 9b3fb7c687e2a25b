import { AssetType, TerraformAsset } from 'cdktf';
import type { Construct } from 'constructs';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface FunctionArtifactProps {
  /** Where the Nx workspace is: bundles are named from its root (libs/service-registry). */
  workspaceRoot: string;
  /** The bundle Nx built, from the workspace root, e.g. `dist/apps/uploads-api/lambda.js`. */
  bundle: string;
  /** The Nx project whose build writes it, named in the error when it is missing. */
  project: string;
  /** The function's resource name, which names its staging folder. */
  functionName: string;
}

export interface FunctionArtifact {
  asset: TerraformAsset;
  /** The Lambda `handler` setting: the bundle's module name and its `handler` export. */
  handler: string;
}

/**
 * The zip a function deploys: only its one bundle, copied into a folder of its own. The bundle's
 * folder also holds the HTTP server's bundle, the other entries and ~10 MB source maps per entry;
 * none of that belongs in this function's package. Nothing is bundled here: synth only packages
 * what `nx run <project>:build` wrote.
 */
export function functionArtifact(
  scope: Construct,
  id: string,
  props: FunctionArtifactProps,
): FunctionArtifact {
  const source = join(props.workspaceRoot, props.bundle);
  if (!existsSync(source)) {
    throw new Error(
      `${props.bundle} is missing: run \`npx nx run ${props.project}:build\` before synth (the Lambda packages are the bundles Nx builds).`,
    );
  }
  // Under dist/, beside the bundles, so a clean checkout's synth writes nowhere else.
  const folder = join(props.workspaceRoot, 'dist', 'lambda-artifacts', props.functionName);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const file = basename(props.bundle);
  copyFileSync(source, join(folder, file));
  return {
    asset: new TerraformAsset(scope, id, { path: folder, type: AssetType.ARCHIVE }),
    handler: `${file.replace(/\.js$/, '')}.handler`,
  };
}
