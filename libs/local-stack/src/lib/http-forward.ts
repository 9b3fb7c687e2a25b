import {
  type Agent,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request,
  type ServerResponse,
} from 'node:http';
import { pipeline } from 'node:stream';
import { endToEndHeaders } from './hop-by-hop';
import { LOOPBACK } from './running';

/**
 * An idle kept-alive connection is closed by the forwarding side first: Node servers close theirs after
 * 5 s (keepAliveTimeout) and a request sent on a connection as its server closes it is reset.
 * With an agent timeout set, Node also honours a shorter `Keep-Alive: timeout=` from the
 * service, less a second.
 */
export const UPSTREAM_IDLE_MS = 4000;

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
  /**
   * Sends the request once more, on another connection, when a kept-alive connection turns out
   * to have been closed by the target as it was reused (reset before any answer). Only requests
   * without a body and with an idempotent method qualify: nothing of a body has been consumed,
   * and a repeat is harmless even if the target did see the first one.
   */
  retryStaleConnection?: boolean;
}

// RFC 9110 §9.2.2: a client may repeat these automatically.
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

function hasBody(headers: IncomingHttpHeaders): boolean {
  return (
    headers['transfer-encoding'] !== undefined ||
    (headers['content-length'] !== undefined && headers['content-length'] !== '0')
  );
}

/** A kept-alive connection the target had already closed when this request went out on it. */
function wasStale(upstream: ClientRequest, error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return upstream.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE');
}

/**
 * Streams `req` to the target and the target's answer back, never holding a whole body in memory
 * (multi-GiB uploads pass through here). Method, path, query and end-to-end headers, including
 * Host, go through unchanged; framing is redone per connection.
 */
export function forward(req: IncomingMessage, res: ServerResponse, target: ForwardTarget): void {
  const canRetry =
    target.retryStaleConnection === true &&
    target.body === undefined &&
    IDEMPOTENT.has(req.method ?? '') &&
    !hasBody(req.headers);
  const sendsBody = target.body !== undefined || hasBody(req.headers);

  const send = (retriesLeft: number): void => {
    let clientGone = false;
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

    // The client went away before the answer was complete: stop the upstream work too.
    const onClientGone = (): void => {
      if (res.writableFinished) return;
      clientGone = true;
      upstream.destroy();
    };
    res.on('close', onClientGone);

    // Set once the upstream request is cut after a complete answer: errors it reports then
    // concern nobody.
    let cutAfterAnswer = false;
    const bodyStillComing = (): boolean => !target.body && !req.readableEnded;

    upstream.on('response', (upstreamRes) => {
      const status = upstreamRes.statusCode ?? 502;
      const answeredEarly = bodyStillComing();
      // A service may answer without reading all of a body: an error answer (415 unread, 413
      // past a parser's limit, which leaves the rest unread on a connection it keeps open), or
      // any answer while the body is still coming. Such a connection is not reused: a request
      // sent on it would wait behind the unread bytes until the service times it out.
      if (answeredEarly || (sendsBody && status >= 400)) {
        // Read by Node as the answer ends: the connection is then closed instead of pooled.
        upstream.shouldKeepAlive = false;
        upstreamRes.once('end', () => cutAfterAnswer || cutUpstream());
      }
      if (target.intercept?.(upstreamRes)) return;
      res.writeHead(status, upstreamRes.statusMessage, endToEndHeaders(upstreamRes.headers));
      // On failure either side is destroyed: a cut-off body must look cut off, not complete.
      pipeline(upstreamRes, res, () => undefined);
    });

    // Nothing more of the body is wanted once the answer is complete. Node frees the upstream
    // socket's parser on a complete answer and with it the request's 'drain' listener, so a pipe
    // waiting for 'drain' would wait forever, and with it the client, whose next request on its
    // connection comes after the rest of this body. That rest is read and discarded, as Node's
    // own server discards a body nobody read (closing instead would reset a client still
    // sending, often before it has read the answer); the upstream request, perhaps half sent,
    // is destroyed.
    const cutUpstream = (): void => {
      cutAfterAnswer = true;
      if (bodyStillComing()) {
        req.unpipe(upstream);
        req.resume();
      }
      upstream.destroy();
    };

    upstream.on('error', (error) => {
      if (cutAfterAnswer) return;
      if (!target.body) req.unpipe(upstream);
      // The client left and the upstream request was cut for it: nobody to answer.
      if (clientGone) return;
      if (!res.headersSent && retriesLeft > 0 && wasStale(upstream, error)) {
        res.off('close', onClientGone);
        return send(retriesLeft - 1);
      }
      if (!res.headersSent) {
        if (!target.body) req.resume();
        target.onUnreachable(error);
      } else if (!res.writableEnded) {
        res.destroy(error);
      }
    });

    if (target.body) upstream.end(target.body);
    // A repeat of a bodyless request whose end has already been read.
    else if (req.readableEnded) upstream.end();
    else req.pipe(upstream);
  };

  send(canRetry ? 1 : 0);
}
