import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger, type LevelWithSilent } from 'pino';
import pinoHttp, { type HttpLogger } from 'pino-http';
import { loggablePath } from '@enclave/api-contract';
import { requestId } from './request-id';

/** The service's one pino logger, shared by request logs and Nest's own messages. */
export const SERVICE_LOGGER = Symbol('enclave:service-logger');

/**
 * What may carry a credential wherever it appears in a log line: the bearer token, API keys and
 * cookies, a redirect's Location (a presigned URL, signature included), and any field named as
 * a secret (a share's password, a token).
 */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers.location',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
];

/**
 * JSON logs. Credentials never reach them: REDACTED_LOG_PATHS are censored, and only the path
 * of a URL is logged (query strings may carry signatures), with share tokens replaced by
 * `{token}` (loggablePath).
 */
export function createServiceLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * One line per request, carrying the request id (see requestId) that `req.log` adds to every line
 * logged while handling it. pino-http alone rather than nestjs-pino: nestjs-pino keeps a logger per
 * request in AsyncLocalStorage, whose promise hooks (on Node 20) made every AWS SDK call of
 * create-upload measurably slower; nothing here needs the per-request Nest logger.
 */
export function requestLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestId,
    quietReqLogger: true,
    serializers: {
      req: (req: {
        id: unknown;
        method: string;
        url: string;
        headers: Record<string, unknown>;
      }) => ({
        id: req.id,
        method: req.method,
        path: loggablePath(req.url),
        headers: req.headers,
      }),
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  });
}

/** Nest's own messages (start-up, the problem filter's 5xx reports, services' Logger) via pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /**
   * Nest calls `(message, ...params)` and appends a Logger's context as the last string, as its
   * ConsoleLogger reads it; `error(message, stack)` passes a stack trace. Objects become fields,
   * errors an `err`.
   */
  private write(
    level: Exclude<LevelWithSilent, 'silent'>,
    message: unknown,
    rest: unknown[],
  ): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const params = [...rest];
    const last = params.at(-1);
    const context =
      typeof last === 'string' && !isStack(last) ? (params.pop() as string) : undefined;
    const detail = typeof params[0] === 'string' ? params[0] : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (detail && isStack(detail)) fields['stack'] = detail;
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const { msg, ...own } = message as Record<string, unknown>;
      const text = detail && !isStack(detail) ? detail : typeof msg === 'string' ? msg : '';
      this.logger[level]({ ...fields, ...own }, text);
    } else {
      this.logger[level](fields, String(message));
    }
  }
}

const isStack = (text: string): boolean => /\n\s+at /.test(text);
