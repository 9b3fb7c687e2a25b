import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers: a JSON body, or `raw` text (for garbage), optionally after a delay. */
export interface FakeAnswer {
  status: number;
  body?: unknown;
  raw?: string;
  delayMs?: number;
}

/**
 * A tiny stand-in for the auth service's `GET /v1/userinfo`, on 127.0.0.1 and a free port, for
 * specs. Known tokens (`users`) get 200 with their body, others 401; `respond` overrides that.
 */
export class FakeUserinfoServer {
  /** Requests to /v1/userinfo so far. */
  calls = 0;
  readonly requests: IncomingHttpHeaders[] = [];
  readonly users = new Map<string, Record<string, unknown>>();
  respond?: (token: string | undefined) => FakeAnswer;

  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly server: Server;
  private stopped = false;
  private baseUrl = '';

  private constructor() {
    this.server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/v1/userinfo') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
        return;
      }
      this.calls += 1;
      this.requests.push(req.headers);
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const answer = this.respond ? this.respond(token) : this.defaultAnswer(token);
      const send = () => {
        if (res.destroyed) return;
        const raw = answer.raw ?? JSON.stringify(answer.body ?? {});
        const type = answer.raw === undefined ? 'application/json' : 'text/html';
        res.writeHead(answer.status, { 'content-type': type }).end(raw);
      };
      if (!answer.delayMs) return send();
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        send();
      }, answer.delayMs);
      this.timers.add(timer);
    });
  }

  static async start(): Promise<FakeUserinfoServer> {
    const fake = new FakeUserinfoServer();
    await new Promise<void>((resolve, reject) => {
      fake.server.once('error', reject);
      fake.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = fake.server.address() as AddressInfo;
    fake.baseUrl = `http://127.0.0.1:${port}`;
    return fake;
  }

  /** Base URL, still valid (and refusing connections) after `stop()`. */
  get url(): string {
    return this.baseUrl;
  }

  reset(): void {
    this.calls = 0;
    this.requests.length = 0;
    this.respond = undefined;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private defaultAnswer(token: string | undefined): FakeAnswer {
    const user = token === undefined ? undefined : this.users.get(token);
    return user
      ? { status: 200, body: user }
      : { status: 401, body: { error_message: 'Invalid token' } };
  }
}
