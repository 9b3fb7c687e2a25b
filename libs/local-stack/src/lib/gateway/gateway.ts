import { forward } from '../http-forward';
import { listenOnLoopback, type RunningService, runningServer } from '../running';
import { Agent, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dispatch } from './match-route';
import { writeProblem } from './problem-response';
import type { Route } from './route-table';

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
}

/**
 * The local API Gateway: routes each request to the service the contract names for it and
 * streams both bodies through untouched (headers included, so the services' CORS passes).
 */
export async function startGateway(options: GatewayOptions): Promise<RunningService> {
  const agent = new Agent({ keepAlive: true });
  const corsOrigins = options.corsOrigins ?? [];

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const path = url.split('?', 1)[0] ?? '/';

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
      extraHeaders: {
        'x-forwarded-for': req.socket.remoteAddress ?? '',
        'x-forwarded-proto': 'http',
        ...(req.headers.host ? { 'x-forwarded-host': req.headers.host } : {}),
      },
      onUnreachable: (error) =>
        writeProblem(
          req,
          res,
          'unavailable',
          `The ${target.service} service at ${base} is not reachable (${(error as NodeJS.ErrnoException).code ?? error.message}).`,
          { corsOrigins },
        ),
    });
  };

  const server = createServer(handle);
  try {
    await listenOnLoopback(server, options.port ?? 0);
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
