import { fakeIdToken, FakeUserinfoServer } from '@enclave/auth-guard/testing';
import { Controller, type INestApplication, Inject, Module } from '@nestjs/common';
import { serviceBaseSchema } from '@enclave/config';
import { DependencyChecks } from '@enclave/errors';
import { ContractRoute } from '../contract/contract-route.decorator';
import { createServiceApp } from '../entry-points/create-service-app';
import { defineService } from './service-definition';

const USER = 'f3b1c2d4-0000-4000-8000-000000000002';

@Controller()
class FakeSharesController {
  @ContractRoute('listShares')
  list(): { shares: [] } {
    return { shares: [] };
  }
}

/** Stands in for the adapters: one dependency that answers, one whose state a test sets. */
const dynamo = { up: true };
@Module({ controllers: [FakeSharesController] })
class FakeAdaptersModule {
  constructor(@Inject(DependencyChecks) checks: DependencyChecks) {
    checks.register('s3', async () => undefined);
    checks.register('dynamodb', async () => {
      if (!dynamo.up) throw new Error('connect ECONNREFUSED');
    });
  }
}

const service = defineService({
  name: 'sharing',
  configSchema: serviceBaseSchema,
  imports: () => [FakeAdaptersModule],
});

let auth: FakeUserinfoServer;
let app: INestApplication;
let base: string;
const token = fakeIdToken();

beforeAll(async () => {
  auth = await FakeUserinfoServer.start();
  auth.users.set(token, { user_id: USER, email: null, name: null, groups: [] });
  const config = service.loadConfig({
    AUTH_ENDPOINT: auth.url,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_USER_PER_MINUTE: '3',
    RATE_LIMIT_PER_CLIENT_PER_MINUTE: '20',
  });
  app = await createServiceApp(service, config);
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});

afterAll(async () => {
  await app?.close();
  await auth?.stop();
});

const listShares = () =>
  fetch(`${base}/v1/users/${USER}/shares`, { headers: { authorization: `Bearer ${token}` } });

// One app for the whole file: the client limit (20) counts every request made here.
it('sends security headers that forbid framing, sniffing and running the answer', async () => {
  const response = await fetch(`${base}/health`);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  expect(response.headers.get('x-powered-by')).toBeNull();
});

it('gives every answer a request id: the caller’s when well-formed, a new one otherwise', async () => {
  const own = await fetch(`${base}/health`, { headers: { 'x-request-id': 'req-0123456789' } });
  expect(own.headers.get('x-request-id')).toBe('req-0123456789');
  const forged = await fetch(`${base}/health`, {
    headers: { 'x-request-id': 'two words' },
  });
  expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});

it('answers /health?deep=1 with each dependency, and 503 naming the one that is down', async () => {
  const healthy = await fetch(`${base}/health?deep=1`);
  expect(healthy.status).toBe(200);
  const body = (await healthy.json()) as { checks: { dependency: string; status: string }[] };
  expect(body.checks.map(({ dependency, status }) => [dependency, status]).sort()).toEqual([
    ['auth', 'ok'],
    ['dynamodb', 'ok'],
    ['s3', 'ok'],
  ]);
  dynamo.up = false;
  const down = await fetch(`${base}/health?deep=1`);
  expect(down.status).toBe(503);
  expect(down.headers.get('retry-after')).toBe('1');
  expect(await down.json()).toMatchObject({ status: 503, detail: 'Unavailable: dynamodb.' });
});

it('limits one user’s requests per minute with a 429 problem and Retry-After', async () => {
  const allowed = [];
  for (let i = 0; i < 3; i++) allowed.push((await listShares()).status);
  expect(allowed).toEqual([200, 200, 200]);
  const limited = await listShares();
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
});

it('limits one client address too, signed in or not', async () => {
  const statuses: number[] = [];
  while (statuses.length < 20 && !statuses.includes(429))
    statuses.push((await fetch(`${base}/health`)).status);
  expect(statuses).toContain(429);
  // The file's earlier requests spent the rest of the 20.
  expect(statuses.length).toBeLessThan(20);
});
