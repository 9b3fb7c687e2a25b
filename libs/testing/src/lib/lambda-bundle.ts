import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Handler,
} from 'aws-lambda';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lambdaContext } from './api-gateway-event';

export interface LambdaBundle {
  /** Invokes the bundle's handler as the Lambda runtime would, with an API Gateway v2 event. */
  invoke(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2>;
  remove(): void;
}

/**
 * Bundles a service's Lambda entry (from the workspace root) the way it ships and loads it.
 * Tests invoke the bundle, not the sources: a bundle that lost Nest's decorator metadata starts
 * but cannot inject anything, and only this catches it. Set the service's environment first;
 * the handler reads it when first invoked.
 */
export function loadLambdaBundle(entry: string): LambdaBundle {
  const root = path.resolve(__dirname, '../../../..');
  const outdir = mkdtempSync(path.join(tmpdir(), 'enclave-lambda-'));
  execFileSync(
    process.execPath,
    [
      path.join(root, 'tools/scripts/bundle.mjs'),
      '--outdir',
      outdir,
      '--entry',
      path.join(root, entry),
      '--target',
      'node22',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  const bundle = path.join(outdir, `${path.basename(entry, '.ts')}.js`);
  const { handler } = require(bundle) as {
    handler: Handler<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;
  };
  return {
    async invoke(event) {
      return (await handler(
        event,
        lambdaContext(),
        () => undefined,
      )) as APIGatewayProxyStructuredResultV2;
    },
    remove: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
