import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** An API Gateway HTTP API (v2) event, as the gateway hands a request to a Lambda. */
export function apiGatewayEvent(
  method: string,
  rawPath: string,
  init: { token?: string; body?: unknown; query?: string; userAgent?: string } = {},
): APIGatewayProxyEventV2 {
  const userAgent = init.userAgent ?? 'enclave-test';
  const headers: Record<string, string> = { host: 'api.example.test', 'user-agent': userAgent };
  if (init.token) headers['authorization'] = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: init.query ?? '',
    headers,
    isBase64Encoded: false,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent },
      requestId: 'request',
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
  };
}

/** The context a Lambda invocation receives (enough for serverless-express). */
export function lambdaContext(functionName = 'enclave-test'): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: 'request',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
