// One cold start, run in a fresh `node` process by bench/cold-init.ts. It loads nothing but the
// bundle under test (not even @enclave/testing's event builder), so every figure is the bundle's:
//
//   node dist/bench/cold-init/invoke-health.js <bundle.js>
//
// Loads the Lambda bundle, invokes its `handler` once with an API Gateway v2 `GET /health` event
// and prints one line `cold-init {json}` with the times since process start (performance.now()
// counts from there). Exits 1 unless the handler answered 200: timing a crash is worthless.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type ColdInitTimes, RESULT_PREFIX } from './result';

type Handler = (event: unknown, context: Context, callback: () => void) => unknown;

function healthEvent(): APIGatewayProxyEventV2 {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/health',
    rawQueryString: '',
    headers: { host: 'api.example.test', 'user-agent': 'cold-init-bench' },
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: {
        method: 'GET',
        path: '/health',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'cold-init-bench',
      },
      requestId: 'cold-init',
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
  };
}

function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'cold-init-bench',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:cold-init-bench',
    memoryLimitInMB: '1024',
    awsRequestId: 'cold-init',
    logGroupName: '/aws/lambda/cold-init-bench',
    logStreamName: 'cold-init',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

async function main(): Promise<void> {
  const bundle = process.argv[2];
  if (!bundle) throw new Error('usage: invoke-health.js <bundle.js>');
  // createRequire keeps the bundler from trying to inline the bundle under test.
  const loaded = createRequire(__filename)(path.resolve(bundle)) as { handler?: unknown };
  const loadedMs = performance.now();
  if (typeof loaded.handler !== 'function') throw new Error(`${bundle} exports no handler`);
  const handler = loaded.handler as Handler;
  const answer = (await handler(healthEvent(), lambdaContext(), () => undefined)) as
    { statusCode?: number; body?: string } | undefined;
  const answeredMs = performance.now();
  if (answer?.statusCode !== 200) {
    throw new Error(
      `GET /health answered ${answer?.statusCode ?? 'nothing'}: ${String(answer?.body).slice(0, 500)}`,
    );
  }
  const times: ColdInitTimes = { loadedMs, answeredMs };
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(times)}\n`);
}

main().then(
  // Exit at once, as Lambda freezes the container: leftover timers must not count.
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
