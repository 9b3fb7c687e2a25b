import { problem, PROBLEM_CONTENT_TYPE, type ProblemKind } from '@enclave/errors';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * Answers with a problem+json body the way the services do. The gateway's own answers carry CORS
 * for an allowed Origin, since no service is there to add it and a browser could not read them.
 */
export function writeProblem(
  req: IncomingMessage,
  res: ServerResponse,
  kind: ProblemKind,
  detail: string,
  options: { corsOrigins: readonly string[]; headers?: OutgoingHttpHeaders },
): void {
  const body = JSON.stringify(problem(kind, detail));
  const headers: OutgoingHttpHeaders = {
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': Buffer.byteLength(body),
    ...options.headers,
  };
  const origin = req.headers.origin;
  if (origin && options.corsOrigins.includes(origin)) {
    headers['access-control-allow-origin'] = origin;
    headers['vary'] = 'Origin';
  }
  // Any request body is unwanted now; drain it so the connection stays usable.
  req.resume();
  res.writeHead(problem(kind, detail).status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}
