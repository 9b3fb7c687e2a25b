// body-parser itself, not express.json(): Nest pins its own express, and importing ours would put
// a second copy of express in every bundle.
import { json } from 'body-parser';
import cors from 'cors';
import type { RequestHandler } from 'express';

/** The largest legal body is a multipart completion listing 10,000 parts with their ETags. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * What every request passes before routing: CORS for the portal's origins (preflights answered
 * here), and a JSON-only body parser with a size limit. Other media types are left unparsed, so
 * contract validation answers 415 for them.
 */
export function httpMiddleware(corsOrigins: readonly string[]): RequestHandler[] {
  return [
    cors({
      origin: [...corsOrigins],
      allowedHeaders: ['Authorization', 'Content-Type'],
      maxAge: 600,
    }),
    json({ limit: MAX_BODY_BYTES }),
  ];
}
