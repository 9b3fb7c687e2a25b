import { fakeIdToken } from '@enclave/auth-guard/testing';
import { Controller, type INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Schemas } from '@enclave/api-contract';
import { FakeUserinfoServer } from '@enclave/auth-guard/testing';
import { serviceBaseSchema } from '@enclave/config';
import {
  DependencyFailed,
  DependencyUnavailable,
  DomainError,
  TooManyRequests,
} from '@enclave/errors';
import { type ContractInput, ContractRoute, Input } from '../contract/contract-route.decorator';
import { createServiceApp } from '../entry-points/create-service-app';
import { defineService } from './service-definition';

const USER = 'f3b1c2d4-0000-4000-8000-000000000001';
const FILE = '019a5f4e-7c2b-7d3e-8f00-123456789abc';

class FileGone extends DomainError {
  readonly kind = 'gone';
}

/** What the routes of this fake feature throw, by file name. */
const outcomes: Record<string, () => never> = {
  outage: () => {
    throw new DependencyUnavailable('DynamoDB', new Error('ECONNREFUSED'));
  },
  refused: () => {
    throw new DependencyFailed('S3', new Error('AccessDenied arn:aws:iam::123:role/x'));
  },
  gone: () => {
    throw new FileGone('That file is gone.');
  },
  limited: () => {
    throw new TooManyRequests('Too many tries; wait a while.', 41.2);
  },
  bug: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'secret')");
  },
};

@Controller()
class FakeFilesController {
  @ContractRoute('createFile')
  create(@Input() input: ContractInput<'createFile'>): Partial<Schemas['CreateFileResponse']> {
    outcomes[input.body.file_name]?.();
    return { file_id: FILE, file_name: input.body.file_name, status: 'UPLOADING' };
  }
}

@Module({ controllers: [FakeFilesController] })
class FakeFilesModule {}

const fakeService = defineService({
  name: 'uploads',
  configSchema: serviceBaseSchema,
  imports: () => [FakeFilesModule],
});

let auth: FakeUserinfoServer;
const token = fakeIdToken();
const apps: INestApplication[] = [];

async function listen(app: INestApplication): Promise<string> {
  apps.push(app);
  await app.listen(0, '127.0.0.1');
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}

const config = () =>
  fakeService.loadConfig({
    AUTH_ENDPOINT: auth.url,
    LOG_LEVEL: 'silent',
    CORS_ORIGINS: 'https://portal.example.test',
  });

function create(base: string, body: string, contentType = 'application/json', bearer = token) {
  return fetch(`${base}/v1/users/${USER}/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': contentType },
    body,
  });
}

async function problem(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await response.json()) as Schemas['Problem'];
}

beforeAll(async () => {
  auth = await FakeUserinfoServer.start();
  auth.users.set(token, { user_id: USER, email: 'a@example.test', name: 'A', groups: [] });
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await auth.stop();
});

describe('EnclaveServiceModule, built as the entry points build it', () => {
  let base: string;
  beforeAll(async () => {
    base = await listen(await createServiceApp(fakeService, config()));
  });

  it('answers /health with the service name, without a token', async () => {
    const response = await fetch(`${base}/health`);
    expect(await response.json()).toEqual({ status: 'ok', service: 'uploads' });
  });

  it('guards, validates and runs a contract route', async () => {
    const ok = await create(base, JSON.stringify({ file_name: 'a.txt', size: 1 }));
    expect(ok.status).toBe(201);
    expect((await create(base, '{}', 'application/json', 'tok_unknown')).status).toBe(401);
    const invalid = await problem(await create(base, JSON.stringify({ file_name: '', size: -1 })));
    expect(invalid.status).toBe(400);
    expect(invalid.errors?.map((e) => e.field).sort()).toEqual(['body.file_name', 'body.size']);
  });

  it.each([
    ['a dependency outage', 'outage', 503, 'DynamoDB is unavailable; try again shortly.'],
    ['a refused dependency', 'refused', 500, 'An unexpected error occurred.'],
    ['a domain error', 'gone', 410, 'That file is gone.'],
    ['a used-up allowance', 'limited', 429, 'Too many tries; wait a while.'],
    ['a bug', 'bug', 500, 'An unexpected error occurred.'],
  ])('answers %s as a problem', async (_, fileName, status, detail) => {
    const response = await create(base, JSON.stringify({ file_name: fileName, size: 1 }));
    expect(response.status).toBe(status);
    expect(await problem(response)).toMatchObject({ status, detail });
    // Outages and allowances say when to come back (whole seconds, rounded up).
    const retryAfter = { 503: '1', 429: '42' }[status as 503 | 429] ?? null;
    expect(response.headers.get('retry-after')).toBe(retryAfter);
  });

  it('answers bodies it cannot take with 400, 413 and 415 problems', async () => {
    expect((await problem(await create(base, '{"file_name":'))).status).toBe(400);
    const huge = JSON.stringify({ file_name: 'a', size: 1, pad: 'x'.repeat(3 * 1024 * 1024) });
    expect((await problem(await create(base, huge))).status).toBe(413);
    const form = await create(base, 'file_name=a&size=1', 'application/x-www-form-urlencoded');
    expect((await problem(form)).status).toBe(415);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await fetch(`${base}/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect((await problem(response)).type).toBe('urn:enclave:problem:not-found');
  });

  it('allows CORS from the configured origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${base}/v1/users/${USER}/files`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight('https://portal.example.test');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.example.test');
    const other = await preflight('https://evil.example.test');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('EnclaveServiceModule in a plain Nest testing app', () => {
  it('still validates and answers problems: nothing depends on the bootstrap', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [fakeService.module(config())],
    }).compile();
    const base = await listen(moduleRef.createNestApplication({ logger: false }));
    const invalid = await create(base, JSON.stringify({ file_name: 'a.txt' }));
    expect((await problem(invalid)).errors).toEqual([
      { field: 'body.size', message: 'is required' },
    ]);
    const outage = await create(base, JSON.stringify({ file_name: 'outage', size: 1 }));
    expect(outage.status).toBe(503);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});
