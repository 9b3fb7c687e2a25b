import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in listening on loopback. `stop()` is idempotent. */
export interface RunningService {
  /** Base URL, e.g. `http://127.0.0.1:4568`. */
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export const LOOPBACK = '127.0.0.1';

/** Wraps a listening node http server: its URL and a stop that also drops keep-alive sockets. */
export function runningServer(server: Server): RunningService {
  const { port } = server.address() as AddressInfo;
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
