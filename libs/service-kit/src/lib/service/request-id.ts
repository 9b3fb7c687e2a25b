import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What a caller may name its request: short, and nothing a log line or header could misread. */
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The id every log line of a request carries and the response echoes in `x-request-id`: the
 * caller's own (a gateway's or client's, so one id follows a request across services) when it
 * is well-formed, otherwise a new one.
 */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const offered = req.headers[REQUEST_ID_HEADER];
  const id =
    typeof offered === 'string' && CALLER_REQUEST_ID.test(offered) ? offered : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
