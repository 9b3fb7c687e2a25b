// The product's per-user and per-client request limits (libs/config: RATE_LIMIT_* and
// AUTH_LOOKUPS_* in the service base), raised out of the way: a benchmark drives one user from one
// address far past them on purpose, and what it measures is the work, not the 429 that would
// refuse it. Every server a benchmark starts inherits this process's environment
// (startNodeProcess, startServiceProcess, startLocalProduct), so importing this module first is
// enough. A value already set wins, to benchmark the limits themselves.
const LIFTED = {
  RATE_LIMIT_PER_USER_PER_MINUTE: '1000000000',
  RATE_LIMIT_PER_CLIENT_PER_MINUTE: '1000000000',
  AUTH_LOOKUPS_PER_CLIENT_PER_MINUTE: '1000000000',
};

for (const [name, value] of Object.entries(LIFTED)) process.env[name] ??= value;
