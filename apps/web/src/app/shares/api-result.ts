import type { Schemas } from '@enclave/api-contract';

export type Problem = Schemas['Problem'];

/** What one API call came to: its answer, or the problem to show (with any Retry-After). */
export type ApiResult<T> =
  { ok: true; data: T } | { ok: false; problem: Problem; retryAfterSeconds?: number };

/** The part of an openapi-fetch answer this needs. */
export interface FetchOutcome<T> {
  data?: T;
  error?: unknown;
  response: Pick<Response, 'ok' | 'status'> & { headers: Pick<Headers, 'get'> };
}

const UNREACHABLE: Problem = {
  type: 'about:blank',
  title: 'Cannot reach the service',
  status: 0,
  detail: 'Check your connection and try again.',
};

/**
 * Awaits an openapi-fetch call and never rejects: a network failure or a non-problem error body
 * becomes a problem too, so a page has one shape to show.
 */
export async function settle<T>(call: Promise<FetchOutcome<T>>): Promise<ApiResult<T>> {
  let outcome: FetchOutcome<T>;
  try {
    outcome = await call;
  } catch {
    return { ok: false, problem: UNREACHABLE };
  }
  const { data, error, response } = outcome;
  if (response.ok && data !== undefined) return { ok: true, data };
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'), Date.now());
  return {
    ok: false,
    problem: asProblem(response.status, error),
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
  };
}

function asProblem(status: number, body: unknown): Problem {
  const fields = (body ?? {}) as Partial<Problem>;
  return {
    type: typeof fields.type === 'string' ? fields.type : 'about:blank',
    title: typeof fields.title === 'string' ? fields.title : 'Something went wrong',
    status,
    detail:
      typeof fields.detail === 'string' && fields.detail !== ''
        ? fields.detail
        : 'The service could not do this right now; try again shortly.',
    ...(Array.isArray(fields.errors) && { errors: fields.errors }),
  };
}

/** Retry-After as seconds from now: either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The problem's field errors keyed by the request field they name: `body.share_with.3` and
 * `body.share_with` both land on `share_with`, the form control that holds them. First one wins.
 */
export function fieldErrorsOf(problem: Problem): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const { field, message } of problem.errors ?? []) {
    const name = field.replace(/^(body|query|path)\./, '').split('.')[0] ?? field;
    byField[name] ??= message;
  }
  return byField;
}
