import net from 'node:net';

/** `pass` forwards, `refuse` resets every connection, `hang` reads and never answers. */
export type FaultMode = 'pass' | 'refuse' | 'hang';

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: what a service is told the dependency's endpoint is. */
  endpoint: string;
  mode: FaultMode;
  /** Where `pass` forwards to; settable after start, as the stack's ports come later. */
  setTarget(endpoint: string): void;
  /**
   * Switches mode and cuts every open connection: pooled sockets then meet the new mode, and a
   * socket accepted while hanging never turns into a silent, half-forwarded one.
   */
  setMode(mode: FaultMode): void;
  stop(): Promise<void>;
}

/** A TCP proxy on a free loopback port that can take one dependency down on demand. */
export async function startFaultProxy(): Promise<FaultProxy> {
  let target: URL | undefined;
  let mode: FaultMode = 'pass';
  const open = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    if (mode === 'refuse' || !target) {
      client.resetAndDestroy();
      return;
    }
    // Reads whatever comes and answers nothing: the caller's own timeouts must end the wait.
    if (mode === 'hang') {
      client.resume();
      return;
    }
    const upstream = net.connect(Number(target.port), target.hostname);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get mode() {
      return mode;
    },
    setTarget(endpoint) {
      target = new URL(endpoint);
    },
    setMode(next) {
      if (next === mode) return;
      mode = next;
      for (const socket of open) socket.destroy();
    },
    async stop() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
