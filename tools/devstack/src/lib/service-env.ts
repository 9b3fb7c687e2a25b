/** The endpoints and names every service needs to run against the local stack. */
export interface LocalStackEndpoints {
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  s3Endpoint: string;
  bucket: string;
  dynamodbEndpoint: string;
  filesTable: string;
  sesEndpoint: string;
  authEndpoint: string;
  logLevel: string;
  corsOrigins: readonly string[];
}

/**
 * The environment of one service child process: the same variables it reads on Lambda (see
 * libs/config), pointed at the stand-ins. New services or settings extend this one function.
 */
export function serviceEnv(
  stack: LocalStackEndpoints,
  service: { port: number },
): Record<string, string> {
  return {
    PORT: String(service.port),
    HOST: '127.0.0.1',
    AWS_REGION: stack.region,
    AWS_ACCESS_KEY_ID: stack.accessKeyId,
    AWS_SECRET_ACCESS_KEY: stack.secretAccessKey,
    S3_ENDPOINT: stack.s3Endpoint,
    S3_BUCKET: stack.bucket,
    DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
    FILES_TABLE: stack.filesTable,
    SES_ENDPOINT: stack.sesEndpoint,
    AUTH_ENDPOINT: stack.authEndpoint,
    LOG_LEVEL: stack.logLevel,
    CORS_ORIGINS: stack.corsOrigins.join(','),
  };
}

/**
 * The parent's environment minus AWS_* variables: a developer's real credentials, profile,
 * endpoints or session token must not leak into a local service (a session token would even be
 * signed into presigned URLs that the local S3 then rejects); serviceEnv supplies the AWS settings.
 * AWS_SDK_JS_* only tunes the SDK itself and is kept.
 */
export function inheritedEnv(parent: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && (!name.startsWith('AWS_') || name.startsWith('AWS_SDK_JS_')))
      result[name] = value;
  }
  return result;
}
