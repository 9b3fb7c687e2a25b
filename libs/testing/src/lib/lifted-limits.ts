/**
 * Every per-user and per-client request limit raised out of the way, for suites that send
 * thousands of requests as one user from one address on purpose (fuzzing, the ownership matrix,
 * fault injection): a 429 would hide what the service does. (libs/config: RATE_LIMIT_* and
 * AUTH_LOOKUPS_* in the service base; SHARE_EMAILS_* in sharing-api.)
 */
export const LIFTED_LIMITS: Readonly<Record<string, string>> = {
  RATE_LIMIT_PER_USER_PER_MINUTE: '1000000',
  RATE_LIMIT_PER_CLIENT_PER_MINUTE: '1000000',
  AUTH_LOOKUPS_PER_CLIENT_PER_MINUTE: '1000000',
  SHARE_EMAILS_PER_USER_PER_HOUR: '1000000',
};
