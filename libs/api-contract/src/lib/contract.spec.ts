import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEnclaveClient } from './client';
import { contractOperations, loggablePath } from './operations';

describe('the contract', () => {
  const operations = contractOperations();

  it('names a service for every operation, so every route can be deployed', () => {
    expect(operations.length).toBeGreaterThanOrEqual(19);
    for (const operation of operations)
      expect(['uploads', 'sharing', 'keys']).toContain(operation.service);
  });

  it('keeps the files API of the original Enclave', () => {
    const routes = operations
      .filter((o) => o.service === 'uploads')
      .map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /v1/users/{user_id}/files',
        'GET /v1/users/{user_id}/files',
        'GET /v1/users/{user_id}/files/{file_id}',
        'DELETE /v1/users/{user_id}/files/{file_id}',
        'POST /v1/users/{user_id}/files/{file_id}/complete',
        'GET /v1/users/{user_id}/files/{file_id}/download',
      ]),
    );
  });

  it('names an operation that lacks its service', () => {
    expect(() => contractOperations({ paths: { '/v1/x': { get: { operationId: 'x' } } } })).toThrow(
      'GET /v1/x needs an operationId and x-enclave-service',
    );
  });

  it('marks only health and share-link resolution public', () => {
    expect(
      operations
        .filter((o) => o.public)
        .map((o) => o.operationId)
        .sort(),
    ).toEqual(['downloadPublicShare', 'getHealth', 'getPublicShare']);
  });
});

describe('createEnclaveClient', () => {
  it('sends the current token as a bearer on every request', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"status":"ok","service":"t"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      let token = 'first';
      const client = createEnclaveClient({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        token: () => token,
      });
      expect((await client.GET('/health')).data).toEqual({ status: 'ok', service: 't' });
      token = 'second';
      await client.GET('/health');
      expect(seen.map((h) => h.authorization)).toEqual(['Bearer first', 'Bearer second']);
    } finally {
      server.close();
    }
  });
});

describe('loggablePath', () => {
  const token = 'Qm9vay1vZi10aGUtc2hhcmUtdG9rZW4tMDEyMzQ1Njc4OWFi';

  it('replaces share tokens (x-secret path parameters) by their name, and drops the query', () => {
    expect(loggablePath(`/v1/shares/${token}`)).toBe('/v1/shares/{token}');
    expect(loggablePath(`/v1/shares/${token}/download?x=1`)).toBe('/v1/shares/{token}/download');
  });

  it('keeps every other path as it is', () => {
    const user = 'f3b1c2d4-0000-4000-8000-000000000001';
    expect(loggablePath(`/v1/users/${user}/shares?limit=5`)).toBe(`/v1/users/${user}/shares`);
    expect(loggablePath('/health')).toBe('/health');
  });
});
