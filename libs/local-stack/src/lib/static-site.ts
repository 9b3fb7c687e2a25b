import { withMetaTags } from '@enclave/service-registry';
import express from 'express';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { listenOnLoopback, type RunningService, runningServer } from './running';

export interface StaticSiteOptions {
  /** The built site: its index.html and hashed assets. */
  root: string;
  /** 0 or absent picks a free port. */
  port?: number;
  /**
   * `<meta name content>` tags put into index.html's head as it is served: settings of this
   * deployment the built app reads at start (the portal's API addresses), so one build serves
   * whatever ports or hosts the stack was given.
   */
  meta?: Readonly<Record<string, string>>;
}

/**
 * index.html as served, with the meta tags before its head closes. Read on each request (it is
 * small), so a rebuild while the site runs serves the new chunks' names.
 */
async function servedIndex(options: StaticSiteOptions): Promise<string> {
  return withMetaTags(await readFile(join(options.root, 'index.html'), 'utf8'), options.meta ?? {});
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
  // index.html by its own name is the app too, with its meta tags, never the file as built.
  app.get('/index.html', async (_request, response) => {
    response
      .set('Cache-Control', 'no-cache')
      .type('html')
      .send(await servedIndex(options));
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
  app.use(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.status(405).set('Allow', 'GET, HEAD').end();
      return;
    }
    // A file that is not there (a stale chunk, a typo) is a 404, not the app.
    if (/\.[a-z0-9]+$/i.test(request.path)) {
      response.status(404).type('text/plain').send('Not found');
      return;
    }
    response
      .set('Cache-Control', 'no-cache')
      .type('html')
      .send(await servedIndex(options));
  });
  const server = createServer(app);
  await listenOnLoopback(server, options.port ?? 0);
  return runningServer(server);
}
