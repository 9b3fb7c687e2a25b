import { HttpException } from '@nestjs/common';

/** One field-level complaint inside a validation problem. */
export interface ProblemFieldError {
  /** JSON-pointer-ish location, e.g. `body.file_name`, `path.file_id`, `query.limit`. */
  field: string;
  message: string;
}

/** RFC 9457 problem details, the body of every error Enclave answers. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: ProblemFieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Stable problem types: clients branch on `type`, people read `title` and `detail`. */
export const problemTypes = {
  validation: { status: 400, title: 'Invalid request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  notFound: { status: 404, title: 'Not found' },
  methodNotAllowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  gone: { status: 410, title: 'Gone' },
  payloadTooLarge: { status: 413, title: 'Payload too large' },
  unsupportedMediaType: { status: 415, title: 'Unsupported media type' },
  tooManyRequests: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  notImplemented: { status: 501, title: 'Not implemented' },
  badGateway: { status: 502, title: 'Bad gateway' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const;

export type ProblemKind = keyof typeof problemTypes;

export function problemTypeUri(kind: ProblemKind): string {
  return `urn:enclave:problem:${kind.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`;
}

export function problem(
  kind: ProblemKind,
  detail: string,
  errors?: ProblemFieldError[],
): ProblemDetails {
  const { status, title } = problemTypes[kind];
  return { type: problemTypeUri(kind), title, status, detail, ...(errors ? { errors } : {}) };
}

/** Throw this anywhere in a service; the problem filter renders it as application/problem+json. */
export class ProblemException extends HttpException {
  readonly problem: ProblemDetails;

  constructor(kind: ProblemKind, detail: string, errors?: ProblemFieldError[]) {
    const body = problem(kind, detail, errors);
    super(body, body.status);
    this.problem = body;
  }
}
