import {
  type Agent,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request,
  type ServerResponse,
} from 'node:http';
import { pipeline } from 'node:stream';
import { endToEndHeaders } from './hop-by-hop';
import { LOOPBACK } from './running';

export interface ForwardTarget {
  port: number;
  host?: string;
  /** A keep-alive agent owned by the caller, destroyed when it stops. */
  agent?: Agent;
  /** Added to (and overriding) the request's own headers. */
  extraHeaders?: OutgoingHttpHeaders;
  /**
   * Called when the target fails before any response byte reached the client (refused,
   * reset), so the caller can still answer with its own error. The request body is drained.
   */
  onUnreachable(error: Error): void;
  /**
   * Sees the target's answer first; returning true means the caller answered the client itself
   * (and consumed or discarded `upstreamRes`).
   */
  intercept?(upstreamRes: IncomingMessage): boolean;
  /** A body already read from `req` (a small document the caller had to inspect) to send instead. */
  body?: Buffer;
}

/**
 * Streams `req` to the target and the target's answer back, never holding a whole body in memory
 * (multi-GiB uploads pass through here). Method, path, query and end-to-end headers, including
 * Host, go through unchanged; framing is redone per connection.
 */
export function forward(req: IncomingMessage, res: ServerResponse, target: ForwardTarget): void {
  const upstream = request({
    host: target.host ?? LOOPBACK,
    port: target.port,
    method: req.method,
    path: req.url,
    headers: {
      ...endToEndHeaders(req.headers),
      ...(target.body ? { 'content-length': target.body.length } : {}),
      ...target.extraHeaders,
    },
    agent: target.agent,
  });

  upstream.on('response', (upstreamRes) => {
    if (target.intercept?.(upstreamRes)) return;
    res.writeHead(
      upstreamRes.statusCode ?? 502,
      upstreamRes.statusMessage,
      endToEndHeaders(upstreamRes.headers),
    );
    // On failure either side is destroyed: a cut-off body must look cut off, not complete.
    pipeline(upstreamRes, res, () => undefined);
  });

  upstream.on('error', (error) => {
    if (!target.body) req.unpipe(upstream);
    if (!res.headersSent) {
      if (!target.body) req.resume();
      target.onUnreachable(error);
    } else if (!res.writableEnded) {
      res.destroy(error);
    }
  });

  // The client went away before the answer was complete: stop the upstream work too.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });

  if (target.body) upstream.end(target.body);
  else req.pipe(upstream);
}
