// zod/mini: the same library as zod, in the form esbuild can tree-shake (the classic API brings
// every locale and schema kind, ~450 KB, into each Lambda bundle; this is ~25 KB).
import * as z from 'zod/mini';

/** A whole number of seconds (or bytes), given as text, with a default and optional bounds. */
export function wholeNumber(fallback: number, bounds: { min?: number; max?: number } = {}) {
  const checks = [
    z.int(),
    bounds.min === undefined ? z.positive() : z.gte(bounds.min),
    ...(bounds.max === undefined ? [] : [z.lte(bounds.max)]),
  ];
  return z._default(z.coerce.number().check(...checks), fallback);
}

/** Seconds, positive; `max` bounds what S3 or a presigner accepts. */
export const seconds = (fallback: number, max?: number) => wholeNumber(fallback, { max });

/** Settings every HTTP service shares. */
export const httpFragment = {
  PORT: wholeNumber(3001, { min: 0, max: 65535 }),
  HOST: z._default(z.string(), '127.0.0.1'),
  LOG_LEVEL: z._default(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    'info',
  ),
  /**
   * Requests one signed-in user may make per minute (per service instance), then 429 with
   * Retry-After. Generous for people and the CLI (a 5 TiB upload presigns its parts in batches);
   * it stops a runaway script or a stolen token from flooding the service.
   */
  RATE_LIMIT_PER_USER_PER_MINUTE: wholeNumber(600),
  /** Requests one client address (IPv4, or IPv6 /64) may make per minute, signed in or not. */
  RATE_LIMIT_PER_CLIENT_PER_MINUTE: wholeNumber(1200),
  /** Comma-separated origins allowed to call the API from a browser; parsed into a list. */
  CORS_ORIGINS: z.pipe(
    z.pipe(
      z._default(z.string(), 'http://localhost:4200,http://127.0.0.1:4200'),
      z.transform((text: string) =>
        text
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      ),
    ),
    z.array(
      z
        .string()
        .check(
          z.regex(
            /^https?:\/\/[^/\s]+$/,
            'each origin must look like https://app.example.com (scheme and host, no path)',
          ),
        ),
    ),
  ),
};

const optionalUrl = z.optional(z.url());

/** Where AWS lives. Endpoints are set only for the local stand-ins; on AWS they stay empty. */
export const awsFragment = {
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  S3_ENDPOINT: optionalUrl,
  DYNAMODB_ENDPOINT: optionalUrl,
  SES_ENDPOINT: optionalUrl,
  KMS_ENDPOINT: optionalUrl,
  // Read here rather than by the SDK's own chain so that config is the one reader of the
  // environment. On Lambda the runtime sets all three for the function's role.
  AWS_ACCESS_KEY_ID: z.optional(z.string().check(z.minLength(1))),
  AWS_SECRET_ACCESS_KEY: z.optional(z.string().check(z.minLength(1))),
  AWS_SESSION_TOKEN: z.optional(z.string().check(z.minLength(1))),
  /** How long connecting to an AWS endpoint may take before the attempt counts as failed. */
  AWS_CONNECT_TIMEOUT_MS: wholeNumber(1000),
  /**
   * How long an AWS call may go without a byte either way before it is abandoned as hung. Idle
   * time, not total: S3 keeps a long CompleteMultipartUpload alive by sending whitespace.
   */
  AWS_IDLE_TIMEOUT_MS: wholeNumber(5000),
  /** Attempts per AWS call (the SDK's retries with backoff), so a hang costs at most this many. */
  AWS_MAX_ATTEMPTS: wholeNumber(3, { max: 10 }),
};

/** How long an AWS call may take, and how often it is tried, before it is answered as 503. */
export interface AwsCallLimits {
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  maxAttempts: number;
}

/** The settings of awsFragment that make AwsCallLimits. */
export interface AwsCallLimitSettings {
  AWS_CONNECT_TIMEOUT_MS: number;
  AWS_IDLE_TIMEOUT_MS: number;
  AWS_MAX_ATTEMPTS: number;
}

export function awsCallLimits(config: AwsCallLimitSettings): AwsCallLimits {
  return {
    connectTimeoutMs: config.AWS_CONNECT_TIMEOUT_MS,
    idleTimeoutMs: config.AWS_IDLE_TIMEOUT_MS,
    maxAttempts: config.AWS_MAX_ATTEMPTS,
  };
}

/**
 * The part of an AWS SDK client's settings those limits make: every v3 client takes
 * `maxAttempts`, and `requestHandler` as the node HTTP handler's options. Without limits the
 * SDK's defaults apply, which never time out a connection that stops answering.
 */
export function awsClientLimits(limits: AwsCallLimits | undefined): {
  maxAttempts?: number;
  requestHandler?: { connectionTimeout: number; socketTimeout: number };
} {
  if (!limits) return {};
  return {
    maxAttempts: limits.maxAttempts,
    requestHandler: {
      connectionTimeout: limits.connectTimeoutMs,
      socketTimeout: limits.idleTimeoutMs,
    },
  };
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Explicit credentials when the environment names them; otherwise the SDK's default chain. */
export function awsCredentials(config: {
  AWS_ACCESS_KEY_ID?: string;
  AWS_SECRET_ACCESS_KEY?: string;
  AWS_SESSION_TOKEN?: string;
}): AwsCredentials | undefined {
  if (!config.AWS_ACCESS_KEY_ID || !config.AWS_SECRET_ACCESS_KEY) return undefined;
  return {
    accessKeyId: config.AWS_ACCESS_KEY_ID,
    secretAccessKey: config.AWS_SECRET_ACCESS_KEY,
    ...(config.AWS_SESSION_TOKEN ? { sessionToken: config.AWS_SESSION_TOKEN } : {}),
  };
}

/** Where files live: the bucket, and the tables of file rows and of shares (a file's removal
 * revokes its shares). Read by every service that touches files. */
export const filesDataFragment = {
  S3_BUCKET: z.string().check(z.minLength(3)),
  FILES_TABLE: z._default(z.string().check(z.minLength(1)), 'enclave-files'),
  SHARES_TABLE: z._default(z.string().check(z.minLength(1)), 'enclave-shares'),
};

/** The auth microservice the guard delegates to (see auth-contract.md). */
export const authFragment = {
  AUTH_ENDPOINT: z.url(),
  AUTH_API_KEY: z.optional(z.string().check(z.minLength(1))),
  AUTH_TIMEOUT_MS: wholeNumber(3000),
  AUTH_CACHE_TTL_SECONDS: seconds(60),
  /** How long a token userinfo answered 401 for is refused from memory; 0 = not at all. */
  AUTH_NEGATIVE_CACHE_TTL_SECONDS: wholeNumber(30, { min: 0, max: 300 }),
  /** Userinfo look-ups of uncached tokens one client address may cause per minute, then 429. */
  AUTH_LOOKUPS_PER_CLIENT_PER_MINUTE: wholeNumber(30),
};

/** What every Enclave service reads: where it listens, how it logs, where AWS and auth live. */
export const serviceBaseSchema = z.object({ ...httpFragment, ...awsFragment, ...authFragment });
export type ServiceBaseConfig = z.infer<typeof serviceBaseSchema>;

/**
 * How files are encrypted at rest, for the services that sign uploads or manage keys.
 * KMS_SHARED_KEY_ID (a key id, ARN or alias) is required in `shared` mode: see withSharedKeyCheck.
 */
export const encryptionFragment = {
  KMS_MODE: z._default(z.enum(['s3', 'shared', 'per_user']), 's3'),
  KMS_SHARED_KEY_ID: z.optional(z.string().check(z.minLength(1))),
  KEYS_TABLE: z._default(z.string().check(z.minLength(1)), 'enclave-keys'),
  /** The deployment's name, in per-user key aliases (`alias/enclave/{stage}/user/…`) and tags. */
  ENCLAVE_STAGE: z._default(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}$/)), 'local'),
  /** How long a process signs with a remembered per-user key before reading its row again. */
  KEY_CACHE_SECONDS: seconds(60, 3600),
};

/** `shared` mode names its key; checked once the whole environment is parsed. */
export function withSharedKeyCheck<
  S extends z.ZodMiniType<{ KMS_MODE: string; KMS_SHARED_KEY_ID?: string }>,
>(schema: S): S {
  return schema.check(
    z.refine((config) => config.KMS_MODE !== 'shared' || !!config.KMS_SHARED_KEY_ID, {
      message: 'KMS_MODE=shared needs KMS_SHARED_KEY_ID: the id, ARN or alias of the shared key',
      path: ['KMS_SHARED_KEY_ID'],
    }),
  ) as S;
}
