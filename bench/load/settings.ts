/** What one load run does, from the environment (LOAD_USERS, LOAD_SECONDS, …). */
export interface LoadSettings {
  users: number;
  seconds: number;
  /** Sign-ups run this many at a time: each waits for an e-mail from the SES stand-in. */
  signUpConcurrency: number;
  /** Share of uploads made larger than the single-PUT limit, so they go in parts. */
  multipartShare: number;
  /** The single-PUT limit the services run with, lowered so a multipart upload stays cheap. */
  multipartThresholdBytes: number;
  partSizeBytes: number;
}

const MiB = 1024 * 1024;

function positive(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

export function loadSettings(): LoadSettings {
  const share = Number(process.env['LOAD_MULTIPART_SHARE'] ?? 0.03);
  if (!(share >= 0 && share <= 1)) throw new Error('LOAD_MULTIPART_SHARE must be within [0, 1]');
  return {
    users: Math.floor(positive('LOAD_USERS', 50)),
    seconds: positive('LOAD_SECONDS', 60),
    signUpConcurrency: 8,
    multipartShare: share,
    // S3's smallest part is 5 MiB: a 6 MiB threshold makes a multipart file two or three parts.
    multipartThresholdBytes: 6 * MiB,
    partSizeBytes: 5 * MiB,
  };
}

/**
 * Settings every service runs with during the load. The limiters are raised out of the way (the
 * load measures the product, not the limiter: fifty users from one loopback address would trip
 * the per-client limits within seconds); names a service does not know are ignored by its config.
 */
export function productEnv(settings: LoadSettings): Record<string, string> {
  const unlimited = '1000000';
  return {
    RATE_LIMIT_PER_USER_PER_MINUTE: unlimited,
    RATE_LIMIT_PER_CLIENT_PER_MINUTE: unlimited,
    AUTH_LOOKUPS_PER_CLIENT_PER_MINUTE: unlimited,
    SHARE_EMAILS_PER_USER_PER_HOUR: unlimited,
    SHARE_PASSWORD_ATTEMPTS: unlimited,
    MULTIPART_THRESHOLD_BYTES: String(settings.multipartThresholdBytes),
    MULTIPART_PART_SIZE_BYTES: String(settings.partSizeBytes),
    LOG_LEVEL: 'silent',
  };
}
