// body-parser itself, not express.json(): Nest pins its own express, and importing ours would put
// a second copy of express in every bundle.
import { json } from 'body-parser';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ProblemException } from '@enclave/errors';

/** The largest legal body is a multipart completion listing 10,000 parts with their ETags. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * No operation's body is deeper than a few levels; 32 is ample. The limit exists because
 * structuredClone, Ajv and loggers recurse, and a 20 kB body of 10,000 nested arrays overflows
 * the stack of any of them (JSON.parse itself is iterative and copes).
 */
export const MAX_JSON_DEPTH = 32;

/** Whether `value` nests arrays/objects more than `maxDepth` levels deep (`[]` is depth 1). */
export function exceedsJsonDepth(value: unknown, maxDepth: number): boolean {
  // Iterative on purpose: recursion is what the limit protects against.
  const pending: { node: object; depth: number }[] = [];
  if (value !== null && typeof value === 'object') pending.push({ node: value, depth: 1 });
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.depth > maxDepth) return true;
    for (const child of Object.values(next.node)) {
      if (child !== null && typeof child === 'object')
        pending.push({ node: child as object, depth: next.depth + 1 });
    }
  }
  return false;
}

/**
 * Parses JSON bodies (any JSON value: whether an operation takes an object is the contract's to
 * say, by field name) after undoing a gzip, deflate or br Content-Encoding, and turns every way
 * that can fail into a problem naming it. They must be problems by the time they leave here: Nest
 * rewrites body-parser's SyntaxError into a bare BadRequestException, losing what it was.
 */
export function jsonBody(): RequestHandler {
  // body-parser reads an empty body as `{}`; it is no body at all (an operation may require one).
  const empty = new WeakSet<object>();
  const parse = json({
    limit: MAX_BODY_BYTES,
    strict: false,
    verify: (request, _response, bytes) => {
      if (bytes.length === 0) empty.add(request);
    },
  });
  return (request: Request, response: Response, next: NextFunction) => {
    parse(request, response, (error?: unknown) => {
      if (error !== undefined) return next(bodyProblem(error, request));
      if (empty.has(request)) request.body = undefined;
      if (exceedsJsonDepth(request.body, MAX_JSON_DEPTH)) {
        return next(
          new ProblemException(
            'validation',
            `The request body is nested too deeply (more than ${MAX_JSON_DEPTH} levels).`,
            [{ field: 'body', message: `must not nest more than ${MAX_JSON_DEPTH} levels deep` }],
          ),
        );
      }
      next();
    });
  };
}

interface BodyParserError {
  type?: unknown;
  status?: unknown;
  expose?: unknown;
  charset?: unknown;
}

/** body-parser's (http-errors) failures, by their `type`, as problems a client can act on. */
export function bodyProblem(error: unknown, request: Pick<Request, 'headers'>): unknown {
  const { type, status, expose, charset } = (error ?? {}) as BodyParserError;
  const encoding = request.headers['content-encoding']?.trim().toLowerCase() ?? 'identity';
  switch (type) {
    case 'entity.parse.failed':
      return new ProblemException('validation', 'The request body is not valid JSON.', [
        { field: 'body', message: 'is not valid JSON' },
      ]);
    case 'entity.too.large':
      return new ProblemException(
        'payloadTooLarge',
        `The request body is too large: the limit is ${MAX_BODY_BYTES} bytes (after decompression).`,
      );
    case 'encoding.unsupported':
      return new ProblemException(
        'unsupportedMediaType',
        `Content-Encoding "${encoding}" is not supported; send the body uncompressed or as gzip, deflate or br.`,
      );
    case 'charset.unsupported':
      return new ProblemException(
        'unsupportedMediaType',
        `Charset "${String(charset)}" is not supported; send the request body as UTF-8 JSON.`,
      );
    case 'request.size.invalid':
      return new ProblemException(
        'validation',
        'The request body is not as long as its Content-Length says.',
      );
  }
  // A decompressor's failure (zlib: "incorrect header check", brotli: "Decompression failed")
  // comes untyped, as a 400.
  if (status === 400 && expose === true && encoding !== 'identity') {
    return new ProblemException(
      'validation',
      `The request body could not be decoded as ${encoding} (its Content-Encoding).`,
    );
  }
  return error;
}
