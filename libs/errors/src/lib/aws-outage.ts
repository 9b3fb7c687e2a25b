/**
 * Whether an AWS SDK error means "down, slow or throttling" (repeat later) rather than "refused".
 * Only adapters call this: they turn the answer into DependencyUnavailable.
 */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

const TRANSIENT_ERROR_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'SlowDown',
  'ServiceUnavailable',
  'InternalServerError',
  'InternalError',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'AbortError',
]);

interface AwsLikeError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

export function isAwsOutage(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const aws = error as AwsLikeError;
  if (aws.code && NETWORK_ERROR_CODES.has(aws.code)) return true;
  // The SDK wraps what it cannot recognise as an Error (one from another realm, as under jest's
  // VM) in "AWS SDK error wrapper for Error: connect ECONNREFUSED …", keeping only the message.
  if (aws.name === 'Error' && networkCodeIn((error as { message?: unknown }).message)) return true;
  if (aws.name && TRANSIENT_ERROR_NAMES.has(aws.name)) return true;
  if ((aws.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return isAwsOutage(aws.cause, depth + 1);
}

function networkCodeIn(message: unknown): boolean {
  if (typeof message !== 'string' || !message.startsWith('AWS SDK error wrapper for '))
    return false;
  return [...NETWORK_ERROR_CODES].some((code) => message.includes(code));
}

/** The error's AWS name (e.g. `NoSuchUpload`), for adapters that map names to domain errors. */
export function awsErrorName(error: unknown): string {
  return (error as AwsLikeError | undefined)?.name ?? '';
}
