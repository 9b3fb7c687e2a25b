import { type Agent, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import { endToEndHeaders } from '../hop-by-hop';
import { LOOPBACK } from '../running';

export interface BodyTarget {
  port: number;
  agent?: Agent;
  /** Called when the target fails before any response byte reached the client. */
  onUnreachable(error: Error): void;
}

/**
 * Reads a small request body whole (a CompleteMultipartUpload document, never a part). Resolves
 * undefined as soon as it grows past `limit`; the rest is then drained and dropped.
 */
export function readSmallBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (chunk: Buffer) => {
      if (tooBig) return;
      size += chunk.length;
      if (size > limit) {
        tooBig = true;
        chunks.length = 0;
        resolve(undefined);
      } else {
        chunks.push(chunk);
      }
    });
    req.once('end', () => resolve(tooBig ? undefined : Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.readableEnded) reject(new Error('The request was cut off before its body ended.'));
    });
  });
}

/**
 * Sends a request whose body was already read (as `body`) on to the target, and streams the
 * answer back: what `forward` does for a body still to come.
 */
export function forwardBody(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  target: BodyTarget,
): void {
  const upstream = request({
    host: LOOPBACK,
    port: target.port,
    method: req.method,
    path: req.url,
    headers: { ...endToEndHeaders(req.headers), 'content-length': body.length },
    agent: target.agent,
  });
  upstream.on('response', (upstreamRes) => {
    res.writeHead(
      upstreamRes.statusCode ?? 502,
      upstreamRes.statusMessage,
      endToEndHeaders(upstreamRes.headers),
    );
    pipeline(upstreamRes, res, () => undefined);
  });
  upstream.on('error', (error) => {
    if (!res.headersSent) target.onUnreachable(error);
    else if (!res.writableEnded) res.destroy(error);
  });
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  upstream.end(body);
}
