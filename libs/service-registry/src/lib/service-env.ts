import type { RegisteredService } from './services';
import type { StackResources } from './stack-resources';

/**
 * The environment one service reads its config from (see libs/config): the same variables on
 * Lambda and locally, pointed at `stack`. devstack and the test harness both build it here.
 */
export function serviceEnv(
  service: RegisteredService,
  stack: StackResources,
  listen?: { host: string; port: number },
): Record<string, string> {
  const { endpoints, credentials } = stack;
  const optional = (entries: Record<string, string | undefined>) =>
    Object.fromEntries(
      Object.entries(entries).filter(([, value]) => value !== undefined),
    ) as Record<string, string>;
  return {
    AWS_REGION: stack.region,
    ...optional({
      AWS_ACCESS_KEY_ID: credentials?.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials?.secretAccessKey,
      S3_ENDPOINT: endpoints.s3,
      DYNAMODB_ENDPOINT: endpoints.dynamodb,
      SES_ENDPOINT: endpoints.ses,
      KMS_ENDPOINT: endpoints.kms,
    }),
    AUTH_ENDPOINT: stack.authEndpoint,
    LOG_LEVEL: stack.logLevel,
    CORS_ORIGINS: stack.corsOrigins.join(','),
    ...(listen ? { HOST: listen.host, PORT: String(listen.port) } : {}),
    ...service.env(stack),
  };
}
