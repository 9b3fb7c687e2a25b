import { Injectable, Module } from '@nestjs/common';
import { serviceBaseSchema } from '@enclave/config';
import { apiGatewayEvent } from '@enclave/testing';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { defineService, type ServiceDefinition } from '../service/service-definition';
import { lambdaHandler } from './lambda-handler';
import { eventHandler } from './event-handler';
import { scheduledJob } from './scheduled-job';

let built = 0;

@Injectable()
class Counter {
  runs = 0;
  constructor() {
    built++;
  }
}

@Module({ providers: [Counter], exports: [Counter] })
class CounterModule {}

const env = { AUTH_ENDPOINT: 'http://127.0.0.1:9', LOG_LEVEL: 'silent' };

/** A service whose config fails to load the first `failures` times, as a broken deploy would. */
function service(failures = 0): ServiceDefinition {
  const definition = defineService({
    name: 'uploads',
    configSchema: serviceBaseSchema,
    imports: () => [CounterModule],
  });
  let attempts = 0;
  return {
    ...definition,
    loadConfig: () => {
      if (attempts++ < failures) throw new Error('AUTH_ENDPOINT: Invalid URL');
      return definition.loadConfig(env);
    },
  };
}

const healthEvent = apiGatewayEvent('GET', '/health');

beforeEach(() => {
  built = 0;
});

describe('lambdaHandler', () => {
  it('builds the app once per container and answers every event with it', async () => {
    const handler = lambdaHandler(service());
    const invoke = async () =>
      (await handler(
        healthEvent,
        {} as Context,
        () => undefined,
      )) as APIGatewayProxyStructuredResultV2;
    expect((await invoke()).statusCode).toBe(200);
    expect(JSON.parse((await invoke()).body as string)).toEqual({
      status: 'ok',
      service: 'uploads',
    });
    expect(built).toBe(1);
  });

  it('retries a failed start on the next event instead of failing forever', async () => {
    const handler = lambdaHandler(service(1));
    await expect(handler(healthEvent, {} as Context, () => undefined)).rejects.toThrow(
      'AUTH_ENDPOINT: Invalid URL',
    );
    const answer = (await handler(
      healthEvent,
      {} as Context,
      () => undefined,
    )) as APIGatewayProxyStructuredResultV2;
    expect(answer.statusCode).toBe(200);
  });
});

describe('scheduledJob', () => {
  it('runs the job on every invocation over modules built once', async () => {
    const handler = scheduledJob(service(), async (app) => ++app.get(Counter).runs);
    expect(await handler()).toBe(1);
    expect(await handler()).toBe(2);
    expect(built).toBe(1);
  });

  it('runs once by itself only when its file is the one node started', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const someOtherFile = {} as NodeJS.Module;
    scheduledJob(service(), async (app) => ++app.get(Counter).runs, someOtherFile);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(built).toBe(0);
    // Under jest, require.main is this spec's module: as if node had started the job's file.
    scheduledJob(service(), async (app) => ++app.get(Counter).runs, module);
    for (let waited = 0; log.mock.calls.length === 0 && waited < 5000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log.mock.calls).toEqual([['1']]);
    expect(built).toBe(1);
    log.mockRestore();
  });
});

describe('eventHandler', () => {
  it('hands every event to the handling over modules built once, retrying a failed start', async () => {
    const handler = eventHandler(service(1), async (app, event: { n: number }) => {
      app.get(Counter).runs += event.n;
      return app.get(Counter).runs;
    });
    await expect(handler({ n: 1 })).rejects.toThrow('AUTH_ENDPOINT: Invalid URL');
    expect(await handler({ n: 2 })).toBe(2);
    expect(await handler({ n: 3 })).toBe(5);
    expect(built).toBe(1);
  });
});
