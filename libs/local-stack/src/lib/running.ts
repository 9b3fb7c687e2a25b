import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in listening on loopback. `stop()` is idempotent. */
export interface RunningService {
  /** Base URL, e.g. `http://127.0.0.1:4568`. */
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export const LOOPBACK = '127.0.0.1';

/**
 * How long a stand-in keeps an idle client connection open. A client may send a request on a
 * kept-alive connection just as the server closes it, and that request is reset. Node's default
 * (5 s) is barely above undici's own idle limit (3 to 4 s for it), so a busy event loop loses
 * that race; AWS's endpoints keep idle connections far longer than any client does.
 */
export const IDLE_CLIENT_CONNECTION_MS = 60_000;

/**
 * Wraps a listening node http server: its URL and a stop that also drops keep-alive sockets.
 * Its idle connections are kept as AWS keeps them (IDLE_CLIENT_CONNECTION_MS).
 */
export function runningServer(server: Server): RunningService {
  const { port } = server.address() as AddressInfo;
  server.keepAliveTimeout = IDLE_CLIENT_CONNECTION_MS;
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    port,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

/**
 * Listens on loopback. Resolves once listening; rejects with the listen error (EADDRINUSE, …)
 * instead of letting it surface later as an unhandled 'error' event.
 */
export function listenOnLoopback(
  server: Server,
  port = 0,
  options: { backlog?: number } = {},
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen({ port, host: LOOPBACK, backlog: options.backlog }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** A loopback port free right now, for a process that must be told its port before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await listenOnLoopback(server, 0);
  const running = runningServer(server);
  await running.stop();
  return running.port;
}
