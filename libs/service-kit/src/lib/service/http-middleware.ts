import cors from 'cors';
import type { RequestHandler } from 'express';
import { jsonBody } from './json-body';

/**
 * What every request passes before routing: CORS for the portal's origins (preflights answered
 * here), and a JSON-only body parser with size and depth limits. Other media types are left
 * unparsed, so contract validation answers 415 for them.
 */
export function httpMiddleware(corsOrigins: readonly string[]): RequestHandler[] {
  return [
    cors({
      origin: [...corsOrigins],
      allowedHeaders: ['Authorization', 'Content-Type'],
      maxAge: 600,
    }),
    jsonBody(),
  ];
}
