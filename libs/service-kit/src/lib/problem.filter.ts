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
} from '@enclave/errors';

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
  const bodyError = fromBodyParser(error);
  if (bodyError) return bodyError;
  if (error instanceof HttpException) return fromHttpException(error);
  return problem('internal', 'An unexpected error occurred.');
}

/** express.json() tags its failures with a `type`; name them in words a client can act on. */
function fromBodyParser(error: unknown): ProblemDetails | undefined {
  const type = (error as { type?: unknown } | undefined)?.type;
  if (type === 'entity.parse.failed')
    return problem('validation', 'The request body is not valid JSON.');
  if (type === 'entity.too.large')
    return problem('payloadTooLarge', 'The request body is too large.');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return problem('unsupportedMediaType', 'Send the request body as UTF-8 JSON.');
  }
  return undefined;
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
      this.logger.error({ err: error, status: body.status, path: body.instance }, 'request failed');
    }
    if (body.status === 503) {
      // Every outage answer tells the client when to try again (RFC 9110 §10.2.3).
      const seconds = error instanceof DependencyUnavailable ? error.retryAfterSeconds : 1;
      response.setHeader('Retry-After', String(seconds));
    }
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}
