import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { jsonBody } from './json-body';
import { REQUEST_ID_HEADER } from './request-id';

/**
 * What every request passes before routing: security headers, CORS for the portal's origins
 * (preflights answered here), and a JSON-only body parser with size and depth limits. Other
 * media types are left unparsed, so contract validation answers 415 for them.
 */
export function httpMiddleware(corsOrigins: readonly string[]): RequestHandler[] {
  return [
    // An API answers JSON only: nothing of it may be framed, sniffed or run as a page, hence
    // `default-src 'none'` rather than helmet's page-oriented default policy.
    helmet({
      contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      crossOriginResourcePolicy: { policy: 'same-site' },
    }),
    cors({
      origin: [...corsOrigins],
      allowedHeaders: ['Authorization', 'Content-Type', REQUEST_ID_HEADER],
      exposedHeaders: [REQUEST_ID_HEADER, 'Retry-After'],
      maxAge: 600,
    }),
    jsonBody(),
  ];
}
