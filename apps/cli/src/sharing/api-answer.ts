import { ApiError, type Problem } from '@enclave/upload-client';

/** A 429: the API said how long to wait (Retry-After) before trying again. */
export class RetryLaterError extends ApiError {
  constructor(
    problem: Problem | undefined,
    operation: string,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(429, problem, operation);
    this.name = 'RetryLaterError';
  }
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or an ApiError carrying its problem body (and Retry-After for a 429). */
export async function answerOf<T>(operation: string, call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  const problem = isProblem(error) ? error : undefined;
  if (response.status === 429)
    throw new RetryLaterError(problem, operation, retryAfterSeconds(response.headers));
  throw new ApiError(response.status, problem, operation);
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).status === 'number' &&
    typeof (value as Problem).detail === 'string'
  );
}

/** Retry-After as seconds: either a number of seconds or an HTTP date. */
function retryAfterSeconds(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
