import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  DependencyUnavailable,
  DomainError,
  problem,
  PROBLEM_CONTENT_TYPE,
  type ProblemDetails,
  ProblemException,
  type ProblemKind,
  problemTypes,
  TooManyRequests,
} from '@enclave/errors';
import { loggablePath } from '@enclave/api-contract';

const kindByStatus = new Map<number, ProblemKind>(
  Object.entries(problemTypes).map(([kind, { status }]) => [status, kind as ProblemKind]),
);

/** Maps anything thrown to problem details. Adapters name their errors; this never sees AWS's. */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof ProblemException) return error.problem;
  if (error instanceof DomainError) {
    // A 500's message may carry internals; its cause is logged, never answered.
    return error.kind === 'internal'
      ? problem('internal', 'An unexpected error occurred.')
      : problem(error.kind, error.message);
  }
  if (error instanceof HttpException) return fromHttpException(error);
  const clientError = fromHttpError(error);
  if (clientError) return clientError;
  return problem('internal', 'An unexpected error occurred.');
}

/**
 * Express middleware fails with http-errors objects (`status`, `expose`). Ours turn theirs into
 * problems first (see jsonBody); this is the net under that, so no client error ever reads as a
 * 500. Their messages are not answered: only `expose`d 4xx are mapped, with a generic detail.
 */
function fromHttpError(error: unknown): ProblemDetails | undefined {
  const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true) return;
  const kind = kindByStatus.get(status) ?? 'validation';
  return { ...problem(kind, 'The request could not be processed as sent.'), status };
}

function fromHttpException(error: HttpException): ProblemDetails {
  const status = error.getStatus();
  const kind = kindByStatus.get(status) ?? (status >= 500 ? 'internal' : 'validation');
  const response = error.getResponse();
  const detail =
    typeof response === 'string'
      ? response
      : String((response as { message?: unknown }).message ?? error.message);
  const body = problem(kind, detail);
  return { ...body, status };
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = { ...toProblem(error), instance: request.originalUrl?.split('?')[0] };
    if (body.status >= 500) {
      const details = {
        err: error,
        status: body.status,
        path: loggablePath(request.originalUrl ?? ''),
      };
      // The request's own logger (pino-http's) tags the line with its request id.
      const requestLog = (request as { log?: { error(details: object, message: string): void } })
        .log;
      if (requestLog) requestLog.error(details, 'request failed');
      else this.logger.error(details, 'request failed');
    }
    if (body.status === 503) {
      // Every outage answer tells the client when to try again (RFC 9110 §10.2.3).
      const seconds = error instanceof DependencyUnavailable ? error.retryAfterSeconds : 1;
      response.setHeader('Retry-After', String(seconds));
    }
    if (error instanceof TooManyRequests) {
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    }
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}
