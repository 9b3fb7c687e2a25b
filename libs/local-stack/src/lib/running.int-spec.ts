import { createServer } from 'node:http';
import { connect, type Socket } from 'node:net';
import { listenOnLoopback, LOOPBACK, runningServer } from './running';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one request on `socket` and resolves with the status line of its answer. */
function ask(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    if (socket.readableEnded || socket.destroyed) {
      return reject(new Error('the server had closed the connection'));
    }
    socket.once('data', (chunk) => resolve(chunk.toString('latin1').split('\r\n', 1)[0] ?? ''));
    socket.once('error', reject);
    socket.write(`GET / HTTP/1.1\r\nHost: ${LOOPBACK}\r\n\r\n`);
  });
}

describe('runningServer', () => {
  it('keeps an idle client connection open past the time clients keep theirs (no reuse race)', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    await listenOnLoopback(server);
    const running = runningServer(server);
    const socket = connect(running.port, LOOPBACK);
    // The server's end of the connection, seen as this side's end.
    socket.on('end', () => socket.end());
    try {
      expect(await ask(socket)).toBe('HTTP/1.1 200 OK');
      // Past Node's default keepAliveTimeout (5 s), after which a reused connection is reset.
      await sleep(6000);
      expect(await ask(socket)).toBe('HTTP/1.1 200 OK');
    } finally {
      socket.destroy();
      await running.stop();
    }
  }, 15_000);
});
