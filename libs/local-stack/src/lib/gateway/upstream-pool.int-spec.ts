import { Agent, createServer, type IncomingMessage, request, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { listenOnLoopback, type RunningService, runningServer } from '../running';
import { startGateway, UPSTREAM_IDLE_MS, UPSTREAM_MAX_SOCKETS } from './gateway';
import type { Route } from './route-table';

const routes: Route[] = [
  {
    template: '/v1/users/{user_id}/files',
    segments: ['v1', 'users', null, 'files'],
    methods: new Map([
      ['GET', 'uploads'],
      ['POST', 'uploads'],
    ]),
  },
];

/** A service's HTTP server that counts the connections open to it, and the most at once. */
class CountingService {
  open = 0;
  mostOpen = 0;
  requests = 0;
  /** When each connection closed (ms since epoch), in order. */
  closedAt: number[] = [];
  readonly server: Server;
  private running?: RunningService;

  constructor(handle: (req: IncomingMessage, body: string) => { status: number; body: string }) {
    this.server = createServer((req, res) => {
      this.requests++;
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const answer = handle(req, body);
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body);
      });
    });
    this.server.on('connection', (socket: Socket) => {
      this.mostOpen = Math.max(this.mostOpen, ++this.open);
      socket.on('close', () => {
        this.open--;
        this.closedAt.push(Date.now());
      });
    });
  }

  async start(): Promise<string> {
    await listenOnLoopback(this.server, 0);
    this.running = runningServer(this.server);
    return this.running.endpoint;
  }

  stop(): Promise<void> {
    return this.running?.stop() ?? Promise.resolve();
  }
}

/** One request through `agent`: status and body text. */
function send(
  url: string,
  agent: Agent,
  method: string,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('gateway upstream pool', () => {
  const stops: (() => Promise<void>)[] = [];
  const client = new Agent({ keepAlive: true, maxSockets: Infinity });

  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });
  afterAll(() => client.destroy());

  async function gatewayTo(
    service: CountingService,
    log?: (line: string) => void,
  ): Promise<string> {
    const endpoint = await service.start();
    stops.push(() => service.stop());
    const gateway = await startGateway({
      routes,
      upstreams: new Map([['uploads', endpoint]]),
      log,
    });
    stops.push(() => gateway.stop());
    return gateway.endpoint;
  }

  it('answers 3,000 concurrent creates from the service, none 503, over a bounded pool', async () => {
    // The service holds its first answers, as a busy one does, until more requests than the
    // bound wait on it (only an unbounded pool gets there) or a second has passed.
    const held: (() => void)[] = [];
    let holding = true;
    const release = (): void => {
      holding = false;
      held.splice(0).forEach((resume) => resume());
    };
    const service = new CountingService((_req, body) => {
      const { file_name } = JSON.parse(body) as { file_name: string };
      return { status: 201, body: JSON.stringify({ file_name }) };
    });
    service.server.prependListener('request', (req: IncomingMessage) => {
      if (!holding) return;
      if (held.length === 0) setTimeout(release, 1000);
      req.pause();
      held.push(() => req.resume());
      if (held.length > UPSTREAM_MAX_SOCKETS) release();
    });
    const gateway = await gatewayTo(service);

    const answers = await Promise.all(
      Array.from({ length: 3000 }, (_, i) =>
        send(
          `${gateway}/v1/users/u${i}/files`,
          client,
          'POST',
          JSON.stringify({ file_name: `f${i}.txt`, size: 10 }),
        ),
      ),
    );

    const statuses = new Map<number, number>();
    for (const answer of answers)
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    expect(Object.fromEntries(statuses)).toEqual({ 201: 3000 });
    expect(answers.map((answer) => JSON.parse(answer.body) as unknown)).toEqual(
      Array.from({ length: 3000 }, (_, i) => ({ file_name: `f${i}.txt` })),
    );
    expect(service.requests).toBe(3000);
    expect(service.mostOpen).toBeLessThanOrEqual(UPSTREAM_MAX_SOCKETS);
  });

  it('closes an idle connection before the service would (its Keep-Alive timeout, less a second)', async () => {
    // Node servers close idle connections after 5 s; the gateway must give up on them first.
    expect(UPSTREAM_IDLE_MS).toBeLessThan(createServer().keepAliveTimeout);
    const service = new CountingService(() => ({ status: 200, body: '[]' }));
    const gateway = await gatewayTo(service);
    // Announced as `Keep-Alive: timeout=2`: the gateway keeps the connection at most 1 s idle.
    // (Set once listening: runningServer gives stand-ins a longer time than services have.)
    service.server.keepAliveTimeout = 2000;

    expect((await send(`${gateway}/v1/users/u1/files`, client, 'GET')).status).toBe(200);
    const answeredAt = Date.now();
    for (let waited = 0; service.open > 0 && waited < 3000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(service.closedAt).toHaveLength(1);
    expect(service.closedAt[0] - answeredAt).toBeLessThan(1600);
  });

  describe('a kept-alive connection the service closed as it was reused', () => {
    // The service resets each connection on its second request, as one closing an idle
    // connection just as the gateway sends on it.
    let seen: string[];
    const requestsOn = new WeakMap<Socket, number>();
    const staleService = (): CountingService => {
      seen = [];
      const service = new CountingService(() => ({ status: 200, body: '[]' }));
      service.server.prependListener('request', (req: IncomingMessage) => {
        const count = (requestsOn.get(req.socket) ?? 0) + 1;
        requestsOn.set(req.socket, count);
        seen.push(`${req.method} ${count}`);
        if (count > 1) req.socket.destroy();
      });
      return service;
    };

    it('is retried on a new connection for a request without a body', async () => {
      const gateway = await gatewayTo(staleService());
      expect((await send(`${gateway}/v1/users/u1/files`, client, 'GET')).status).toBe(200);
      expect((await send(`${gateway}/v1/users/u1/files`, client, 'GET')).status).toBe(200);
      expect(seen).toEqual(['GET 1', 'GET 2', 'GET 1']);
    });

    it('is not retried for a create, whose body is already gone: 503', async () => {
      const gateway = await gatewayTo(staleService());
      expect((await send(`${gateway}/v1/users/u1/files`, client, 'GET')).status).toBe(200);
      const create = await send(`${gateway}/v1/users/u1/files`, client, 'POST', '{"size":1}');
      expect(create.status).toBe(503);
      expect(seen).toEqual(['GET 1', 'POST 2']);
    });
  });

  it('takes a client that leaves mid-upload in its stride: no crash, no service reported down', async () => {
    const logged: string[] = [];
    const service = new CountingService(() => ({ status: 201, body: '{}' }));
    const gateway = await gatewayTo(service, (line) => logged.push(line));
    const { port } = new URL(gateway);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /v1/users/u1/files HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{"a',
        );
        setTimeout(() => socket.destroy(), 100);
      });
      socket.on('close', () => resolve());
    });
    for (let waited = 0; service.open > 0 && waited < 2000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(service.open).toBe(0);
    expect(logged).toEqual([]);
    expect((await send(`${gateway}/v1/users/u1/files`, client, 'GET')).status).toBe(201);
  });
});
