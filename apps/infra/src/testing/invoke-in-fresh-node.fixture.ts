import { apiGatewayEvent, lambdaContext } from '@enclave/testing';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const ANSWER = '@@answer ';

// Runs in the child: load the bundle as Lambda would, invoke it once, print its answer, exit.
const RUNNER = `
const [bundle, event, context] = process.argv.slice(1);
const MARK = ${JSON.stringify(ANSWER)};
const { handler } = require(bundle);
Promise.resolve(handler(JSON.parse(event), { ...JSON.parse(context), getRemainingTimeInMillis: () => 30000 }, () => {}))
  .then((answer) => { process.stdout.write('\\n' + MARK + JSON.stringify(answer) + '\\n'); process.exit(0); },
        (error) => { console.error(error); process.exit(1); });
`;

/**
 * A Lambda bundle's answer to `GET {path}` (an API Gateway v2 event), in a fresh `node` process
 * whose environment is only `env`: what a cold Lambda with that configuration would answer.
 */
export async function invokeInFreshNode(
  bundle: string,
  env: Record<string, string>,
  path = '/health',
): Promise<{ statusCode?: number; body?: string }> {
  const { getRemainingTimeInMillis: _omit, ...context } = lambdaContext();
  const args = [bundle, JSON.stringify(apiGatewayEvent('GET', path)), JSON.stringify(context)];
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', RUNNER, ...args], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    timeout: 30_000,
  }).catch((error: { stderr?: string }) => {
    // The last of stderr says why (a bad setting, say); the minified source before it does not.
    throw new Error(`${bundle} failed in a fresh node:\n${(error.stderr ?? '').slice(-1500)}`);
  });
  // The service logs to stdout as well; its answer is the marked line.
  const line = stdout.split('\n').find((text) => text.startsWith(ANSWER));
  if (!line) throw new Error(`${bundle} printed no answer:\n${stdout}`);
  return JSON.parse(line.slice(ANSWER.length)) as { statusCode?: number; body?: string };
}
