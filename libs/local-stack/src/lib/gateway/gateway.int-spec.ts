import { contractOperations } from '@enclave/api-contract';
import type { RunningService } from '../running';
import { listenOnLoopback, runningServer } from '../running';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, request } from 'node:http';
import { startGateway } from './gateway';
import { dispatch } from './match-route';
import { type Route, routeTable } from './route-table';

const ORIGIN = 'http://localhost:4200';
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

// A small contract in the shape of openapi.yaml, so the spec does not depend on its current state.
let operationCount = 0;
const op = (service: string) => ({
  operationId: `op${++operationCount}`,
  'x-enclave-service': service,
});

const contract = {
  openapi: '3.1.0',
  paths: {
    '/health': { get: op('uploads') },
    '/v1/users/{user_id}/files': {
      get: op('uploads'),
      post: op('uploads'),
    },
    '/v1/users/{user_id}/files/{file_id}/share': { post: op('sharing') },
    '/v1/users/{user_id}/key': {
      get: op('keys'),
      delete: op('keys'),
    },
    '/v1/shares/{token}': { get: op('sharing') },
    '/v1/shares/mine': { get: op('uploads') },
    '/v1/echo': {
      put: op('uploads'),
      get: op('uploads'),
    },
  },
};

/** A fake service: `/v1/echo` answers with the SHA-256 and length of what it received, or streams `size` bytes back. */
async function fakeService(name: string): Promise<RunningService & { firstChunk: Promise<void> }> {
  let sawFirstChunk: () => void = () => undefined;
  const firstChunk = new Promise<void>((resolve) => (sawFirstChunk = resolve));
  const server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/v1/echo' && req.method === 'GET') {
      const size = Number(url.searchParams.get('size'));
      const bytes = randomBytes(size);
      res.writeHead(200, { 'x-sha256': sha256(bytes), 'content-type': 'application/octet-stream' });
      // Written in pieces, without a content-length: the gateway must stream it, not wait for it.
      for (let offset = 0; offset < size; offset += 1 << 20)
        res.write(bytes.subarray(offset, offset + (1 << 20)));
      res.end();
      return;
    }
    const hash = createHash('sha256');
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      if (length === 0) sawFirstChunk();
      hash.update(chunk);
      length += chunk.length;
    });
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'access-control-allow-origin': ORIGIN,
      });
      res.end(
        JSON.stringify({
          service: name,
          method: req.method,
          url: req.url,
          forwardedHost: req.headers['x-forwarded-host'],
          authorization: req.headers.authorization,
          sha256: hash.digest('hex'),
          length,
        }),
      );
    });
  });
  await listenOnLoopback(server, 0);
  return { ...runningServer(server), firstChunk };
}

describe('gateway', () => {
  let uploads: Awaited<ReturnType<typeof fakeService>>;
  let sharing: Awaited<ReturnType<typeof fakeService>>;
  let gateway: RunningService;
  let goneEndpoint: string;
  const upstreams = new Map<string, string>();
  const logged: string[] = [];

  beforeAll(async () => {
    uploads = await fakeService('uploads');
    sharing = await fakeService('sharing');
    upstreams.set('uploads', uploads.endpoint);
    upstreams.set('sharing', sharing.endpoint);
    // keys is in the contract but "not started"; a fourth service is started and then stopped.
    const gone = await fakeService('gone');
    goneEndpoint = gone.endpoint;
    upstreams.set('keys', goneEndpoint);
    await gone.stop();
    gateway = await startGateway({
      port: 0,
      routes: routeTable(contractOperations(contract)),
      upstreams,
      corsOrigins: [ORIGIN],
      log: (line) => logged.push(line),
    });
  });

  afterAll(async () => {
    await gateway.stop();
    await uploads.stop();
    await sharing.stop();
  });

  it('routes each operation to the service the contract names, with path, query and headers intact', async () => {
    const listed = await fetch(`${gateway.endpoint}/v1/users/u1/files?limit=5`, {
      headers: { authorization: 'Bearer t' },
    });
    expect(await listed.json()).toMatchObject({
      service: 'uploads',
      method: 'GET',
      url: '/v1/users/u1/files?limit=5',
      authorization: 'Bearer t',
      forwardedHost: new URL(gateway.endpoint).host,
    });
    expect(listed.headers.get('access-control-allow-origin')).toBe(ORIGIN);

    const shared = await fetch(`${gateway.endpoint}/v1/users/u1/files/f1/share`, {
      method: 'POST',
      body: '{}',
    });
    expect(await shared.json()).toMatchObject({ service: 'sharing', method: 'POST' });
  });

  it('prefers a literal segment over a parameter', async () => {
    expect(await (await fetch(`${gateway.endpoint}/v1/shares/mine`)).json()).toMatchObject({
      service: 'uploads',
    });
    expect(await (await fetch(`${gateway.endpoint}/v1/shares/abc`)).json()).toMatchObject({
      service: 'sharing',
    });
  });

  it('sends CORS preflights to the service of the path', async () => {
    const response = await fetch(`${gateway.endpoint}/v1/users/u1/files`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(await response.json()).toMatchObject({ service: 'uploads', method: 'OPTIONS' });
  });

  it('routes /health to the service the contract names, as API Gateway does', async () => {
    const response = await fetch(`${gateway.endpoint}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ service: 'uploads', method: 'GET' });
  });

  it('answers 404 problem+json for a path the contract does not have', async () => {
    for (const path of ['/v1/nope', '/v1/users/u1/files/', '/v1/users//files']) {
      const response = await fetch(`${gateway.endpoint}${path}`, { headers: { origin: ORIGIN } });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(await response.json()).toMatchObject({
        type: 'urn:enclave:problem:not-found',
        title: 'Not found',
        status: 404,
      });
    }
  });

  it('answers 405 problem+json with Allow for a method the contract does not have on that path', async () => {
    const response = await fetch(`${gateway.endpoint}/v1/users/u1/files`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    expect(await response.json()).toMatchObject({
      type: 'urn:enclave:problem:method-not-allowed',
      status: 405,
    });
  });

  it('answers 503 problem+json when the service is not running or not reachable, naming no address', async () => {
    const stopped = await fetch(`${gateway.endpoint}/v1/users/u1/key`);
    expect(stopped.status).toBe(503);
    expect(stopped.headers.get('content-type')).toBe('application/problem+json');
    expect(stopped.headers.get('retry-after')).toBe('1');
    const text = await stopped.text();
    expect(JSON.parse(text)).toEqual({
      type: 'urn:enclave:problem:unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: 'The keys service is not reachable; try again shortly.',
    });
    // Where the service runs and why it failed are for the gateway's log, not for clients.
    const { port } = new URL(goneEndpoint);
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain(port);
    expect(text).not.toContain('ECONNREFUSED');
    expect(logged).toContain(
      `GET /v1/users/u1/key: keys at ${goneEndpoint} is not reachable (ECONNREFUSED)`,
    );

    upstreams.delete('keys');
    const missing = await fetch(`${gateway.endpoint}/v1/users/u1/key`, { method: 'DELETE' });
    expect(missing.status).toBe(503);
    expect(await missing.json()).toMatchObject({
      status: 503,
      detail: 'The keys service is not running.',
    });
  });

  it('streams a multi-MiB request body through without waiting for its end', async () => {
    const body = randomBytes(8 * 1024 * 1024 + 3);
    const answer = new Promise<{ sha256: string; length: number }>((resolve, reject) => {
      const req = request(
        `${gateway.endpoint}/v1/echo`,
        { method: 'PUT', headers: { 'content-length': body.length } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve(
              JSON.parse(Buffer.concat(chunks).toString()) as { sha256: string; length: number },
            ),
          );
        },
      );
      req.on('error', reject);
      // The first MiB must reach the service while the rest is still unsent: nothing buffers it.
      req.write(body.subarray(0, 1 << 20));
      void uploads.firstChunk.then(() => req.end(body.subarray(1 << 20)));
    });
    expect(await answer).toMatchObject({ sha256: sha256(body), length: body.length });
  });

  it('streams a multi-MiB response body through', async () => {
    const size = 8 * 1024 * 1024 + 5;
    const response = await fetch(`${gateway.endpoint}/v1/echo?size=${size}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.length).toBe(size);
    expect(sha256(bytes)).toBe(response.headers.get('x-sha256'));
  });
});

describe('routeTable', () => {
  it('reads the real contract: each operation goes to the service ARCHITECTURE.md names', async () => {
    const routes: Route[] = routeTable(contractOperations());
    const services = new Set(routes.flatMap((route) => [...route.methods.values()]));
    expect([...services].sort()).toEqual(['keys', 'sharing', 'uploads']);
    expect(dispatch(routes, 'POST', '/v1/users/u1/files')).toEqual({
      kind: 'service',
      service: 'uploads',
    });
    expect(dispatch(routes, 'GET', '/v1/users/u1/files/f1/download')).toEqual({
      kind: 'service',
      service: 'uploads',
    });
    expect(dispatch(routes, 'POST', '/v1/shares/t1/download')).toEqual({
      kind: 'service',
      service: 'sharing',
    });
    expect(dispatch(routes, 'DELETE', '/v1/users/u1/key')).toEqual({
      kind: 'service',
      service: 'keys',
    });
  });
});
