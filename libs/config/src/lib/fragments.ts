import { z } from 'zod';

const optionalUrl = z.url().optional();
const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Settings every HTTP service shares. */
export const httpFragment = {
  PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Comma-separated origins allowed to call the API from a browser; parsed into a list. */
  CORS_ORIGINS: z
    .string()
    .default('http://localhost:4200,http://127.0.0.1:4200')
    .transform((text) =>
      text
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^https?:\/\/[^/\s]+$/,
            'each origin must look like https://app.example.com (scheme and host, no path)',
          ),
      ),
    ),
};

/** Where AWS lives. Endpoints are set only for the local stand-ins; on AWS they stay empty. */
export const awsFragment = {
  AWS_REGION: z.string().min(1).default('us-east-1'),
  S3_ENDPOINT: optionalUrl,
  DYNAMODB_ENDPOINT: optionalUrl,
  SES_ENDPOINT: optionalUrl,
  KMS_ENDPOINT: optionalUrl,
  // Read here rather than by the SDK's own chain so that config is the one reader of the
  // environment. On Lambda the runtime sets all three for the function's role.
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AWS_SESSION_TOKEN: z.string().min(1).optional(),
};

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

/** The auth microservice the guard delegates to (see auth-contract.md). */
export const authFragment = {
  AUTH_ENDPOINT: z.url(),
  AUTH_API_KEY: z.string().min(1).optional(),
  AUTH_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  AUTH_CACHE_TTL_SECONDS: seconds(60),
};

export { seconds };

/** What every Enclave service reads: where it listens, how it logs, where AWS and auth live. */
export const serviceBaseSchema = z.object({ ...httpFragment, ...awsFragment, ...authFragment });
export type ServiceBaseConfig = z.infer<typeof serviceBaseSchema>;
