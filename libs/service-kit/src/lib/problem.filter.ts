import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  problem,
  PROBLEM_CONTENT_TYPE,
  type ProblemDetails,
  ProblemException,
  type ProblemKind,
  problemTypes,
} from './problem';

const kindByStatus = new Map<number, ProblemKind>(
  Object.entries(problemTypes).map(([kind, { status }]) => [status, kind as ProblemKind]),
);

const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const THROTTLING_ERRORS = new Set([
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'SlowDown',
  'ServiceUnavailable',
  'InternalServerError',
  'InternalError',
  'TimeoutError',
]);

interface AwsLikeError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

/** Maps anything thrown to problem details; dependency failures become 503, never 500. */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof ProblemException) return error.problem;
  const bodyError = fromBodyParser(error);
  if (bodyError) return bodyError;
  if (error instanceof HttpException) return fromHttpException(error);
  const aws = (error ?? {}) as AwsLikeError;
  const name = aws.name ?? '';
  if (name === 'ConditionalCheckFailedException') {
    return problem('conflict', 'The resource changed while this request ran; try again.');
  }
  if (name === 'NoSuchKey' || name === 'NotFound') {
    return problem('notFound', 'The object does not exist.');
  }
  if (isDependencyOutage(aws)) {
    return problem('unavailable', 'A storage dependency is unavailable; try again shortly.');
  }
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

function isDependencyOutage(error: AwsLikeError): boolean {
  if (error.code && NETWORK_ERROR_CODES.has(error.code)) return true;
  if (error.name && THROTTLING_ERRORS.has(error.name)) return true;
  if ((error.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  const cause = error.cause as AwsLikeError | undefined;
  return !!cause && typeof cause === 'object' && isDependencyOutage(cause);
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
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}
