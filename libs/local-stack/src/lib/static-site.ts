import express from 'express';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { listenOnLoopback, type RunningService, runningServer } from './running';

export interface StaticSiteOptions {
  /** The built site: its index.html and hashed assets. */
  root: string;
  /** 0 or absent picks a free port. */
  port?: number;
}

// Hashed file names change with their content, so they may be kept for good; index.html never.
const HASHED = /-[A-Z0-9]{8,}\.(js|css|mjs)$/;

/**
 * A single-page app on loopback, as a CDN would serve it: files from `root`, and index.html for
 * every path that names no file (the app's own routes, `/s/{token}` among them).
 */
export async function startStaticSite(options: StaticSiteOptions): Promise<RunningService> {
  const app = express();
  app.disable('x-powered-by');
  app.use((_request, response, next) => {
    response.set({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    });
    next();
  });
  app.use(
    express.static(options.root, {
      index: false,
      setHeaders: (response, path) => {
        response.set(
          'Cache-Control',
          HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    }),
  );
  app.use((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.status(405).set('Allow', 'GET, HEAD').end();
      return;
    }
    // A file that is not there (a stale chunk, a typo) is a 404, not the app.
    if (/\.[a-z0-9]+$/i.test(request.path)) {
      response.status(404).type('text/plain').send('Not found');
      return;
    }
    response.set('Cache-Control', 'no-cache').sendFile(join(options.root, 'index.html'));
  });
  const server = createServer(app);
  await listenOnLoopback(server, options.port ?? 0);
  return runningServer(server);
}
