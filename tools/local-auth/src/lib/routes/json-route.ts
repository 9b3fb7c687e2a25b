import type { Request, RequestHandler } from 'express';
import type { z } from 'zod';
import { parseBody } from '../schemas';

/**
 * An express handler that validates the JSON body against `schema` (400 `{message}` on failure)
 * and answers 200 with whatever `handle` returns. Thrown AuthErrors reach the error handler.
 */
export function jsonRoute<S extends z.ZodType>(
  schema: S,
  handle: (body: z.infer<S>, request: Request) => Promise<object>,
): RequestHandler {
  return async (request, response) => {
    const body = parseBody(schema, request.body);
    response.status(200).json(await handle(body, request));
  };
}

/** The `{user_id}` path parameter (express 5 types it loosely). */
export function userIdParam(request: Request): string {
  const value: unknown = request.params['user_id'];
  return typeof value === 'string' ? value : '';
}
