import { loggablePath } from '@enclave/api-contract';
import { forward, UPSTREAM_IDLE_MS } from '../http-forward';
import { listenOnLoopback, type RunningService, runningServer } from '../running';
import { Agent, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dispatch } from './match-route';
import { writeProblem } from './problem-response';
import type { Route } from './route-table';
import { isSharePagePath, serveSharePage } from './share-page';

export interface GatewayOptions {
  /** 0 or absent picks a free port. */
  port?: number;
  routes: readonly Route[];
  /**
   * Base URL of each running service, e.g. `uploads` → `http://127.0.0.1:3001`. Read on every
   * request, so the caller may add or remove services while the gateway runs.
   */
  upstreams: ReadonlyMap<string, string>;
  /** Origins the gateway's own error answers name in CORS headers. */
  corsOrigins?: readonly string[];
  /**
   * Most connections open to one service at once; further requests wait for one to be free.
   * Default UPSTREAM_MAX_SOCKETS.
   */
  maxUpstreamSockets?: number;
  /**
   * Serve the public share page at `/s/{token}` (share links point there), as the portal will
   * once it exists. Off by default: only devstack, which stands in for the portal, turns it on.
   */
  sharePage?: boolean;
  /** Where the gateway reports what its answers do not say (a service's address, the error). */
  log?: (line: string) => void;
}

/**
 * Enough for a service on this machine to be busy, far below what would overflow its listen
 * backlog (511) or its process: 3,000 concurrent creates once opened 3,000 connections to it.
 */
export const UPSTREAM_MAX_SOCKETS = 64;

export { UPSTREAM_IDLE_MS } from '../http-forward';

/**
 * Connections the kernel holds for the gateway until it accepts them (Node's default is 511,
 * Linux caps it at net.core.somaxconn): past it, a burst of new clients is reset.
 */
const LISTEN_BACKLOG = 4096;

/** Seconds a client is told to wait before retrying when a service is not reachable. */
const RETRY_AFTER_SECONDS = 1;

/**
 * The local API Gateway: routes each request to the service the contract names for it and
 * streams both bodies through untouched (headers included, so the services' CORS passes).
 */
export async function startGateway(options: GatewayOptions): Promise<RunningService> {
  const agent = new Agent({
    keepAlive: true,
    maxSockets: options.maxUpstreamSockets ?? UPSTREAM_MAX_SOCKETS,
    // Also the socket timeout of a request in flight, where it only emits 'timeout' (unheard
    // here): a slow answer or a long upload is not cut.
    timeout: UPSTREAM_IDLE_MS,
  });
  const corsOrigins = options.corsOrigins ?? [];
  const log = options.log ?? (() => undefined);

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const path = url.split('?', 1)[0] ?? '/';
    if (options.sharePage && isSharePagePath(path))
      return serveSharePage(req, res, { corsOrigins });

    const target = dispatch(options.routes, method, path);
    switch (target.kind) {
      case 'notFound':
        return writeProblem(
          req,
          res,
          'notFound',
          `No operation in the API contract matches ${path}`,
          { corsOrigins },
        );
      case 'methodNotAllowed':
        return writeProblem(req, res, 'methodNotAllowed', `${method} is not allowed on ${path}`, {
          corsOrigins,
          headers: { allow: target.allow.join(', ') },
        });
      case 'service':
        break;
    }

    const base = options.upstreams.get(target.service);
    if (!base) {
      return writeProblem(
        req,
        res,
        'unavailable',
        `The ${target.service} service is not running.`,
        { corsOrigins },
      );
    }
    const upstream = new URL(base);
    forward(req, res, {
      host: upstream.hostname,
      port: Number(upstream.port),
      agent,
      retryStaleConnection: true,
      extraHeaders: {
        'x-forwarded-for': req.socket.remoteAddress ?? '',
        'x-forwarded-proto': 'http',
        ...(req.headers.host ? { 'x-forwarded-host': req.headers.host } : {}),
      },
      onUnreachable: (error) => {
        // The client learns only which service; where it runs and why it failed stay here.
        log(
          `${method} ${loggablePath(path)}: ${target.service} at ${base} is not reachable (${(error as NodeJS.ErrnoException).code ?? error.message})`,
        );
        writeProblem(
          req,
          res,
          'unavailable',
          `The ${target.service} service is not reachable; try again shortly.`,
          { corsOrigins, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } },
        );
      },
    });
  };

  const server = createServer(handle);
  try {
    await listenOnLoopback(server, options.port ?? 0, { backlog: LISTEN_BACKLOG });
  } catch (error) {
    agent.destroy();
    throw error;
  }
  const running = runningServer(server);
  let stopped: Promise<void> | undefined;
  return {
    ...running,
    stop() {
      stopped ??= running.stop().then(() => agent.destroy());
      return stopped;
    },
  };
}
