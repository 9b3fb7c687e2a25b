import type { Schemas } from '@enclave/api-contract';

export type Problem = Schemas['Problem'];

/** The API answered with an error status; `problem` is its problem+json body when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    operation: string,
  ) {
    super(problem?.detail ?? `${operation} answered ${status}`);
    this.name = 'ApiError';
  }
}

/** S3 refused a presigned PUT; `body` is the start of its XML error, for diagnostics. */
export class TransferError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what} answered ${status}${s3Message(body)}`);
    this.name = 'TransferError';
  }

  /** S3 says the presigned URL is past its expiry: a fresh URL fixes it. */
  get expired(): boolean {
    return this.status === 403 && /expired/i.test(this.body);
  }
}

/** `cancel()` was called: the upload was deleted on the server. */
export class UploadCancelledError extends Error {
  constructor() {
    super('upload cancelled');
    this.name = 'UploadCancelledError';
  }
}

/** The caller's AbortSignal stopped the upload; its saved state allows a later resume. */
export class UploadAbortedError extends Error {
  constructor(readonly reason: unknown) {
    super('upload stopped before it finished; it can be resumed');
    this.name = 'UploadAbortedError';
  }
}

function s3Message(body: string): string {
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  return message ? `: ${message}` : '';
}

/**
 * Whether a failure is worth another try: network errors, 5xx, 408 and 429. Other 4xx mean the
 * request itself is wrong and would fail the same way again.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiError || error instanceof TransferError)
    return error.status >= 500 || error.status === 408 || error.status === 429;
  if (error instanceof UploadCancelledError || error instanceof UploadAbortedError) return false;
  if (isAbortError(error)) return false;
  // fetch rejects with a TypeError when the connection fails or resets.
  return error instanceof TypeError;
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
