import { request } from 'node:http';
import {
  type ArgumentsHost,
  Catch,
  Controller,
  type ExceptionFilter,
  Get,
  type INestApplication,
  type LoggerService,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { PROBLEM_CONTENT_TYPE, ProblemException } from '@enclave/errors';
import type { Response as ExpressResponse } from 'express';
import { AUTH_CLOCK, type AuthGuardOptions, type Clock } from './auth-guard.options';
import { AuthGuardModule } from './auth-guard.module';
import type { AuthenticatedUser } from './authenticated-user';
import { CurrentUser, Public } from './decorators';

/** Renders the guard's problems as the services do (service-kit's filter sits above this lib). */
@Catch(ProblemException)
export class ProblemBodies implements ExceptionFilter {
  catch(error: ProblemException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const instance = http.getRequest<{ originalUrl: string }>().originalUrl.split('?')[0];
    http
      .getResponse<ExpressResponse>()
      .status(error.problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(JSON.stringify({ ...error.problem, instance }));
  }
}

@Controller()
export class ThingsController {
  @Get('v1/users/:user_id/things')
  things(@CurrentUser() user: AuthenticatedUser) {
    return { user };
  }

  @Public()
  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

const silent: LoggerService = {
  log: () => undefined,
  error: () => undefined,
  warn: () => undefined,
};

/** A Nest app with only the guard and ThingsController, on 127.0.0.1 and a free port. */
export async function startGuardedApp(
  endpoint: string,
  options: Partial<AuthGuardOptions> = {},
  { clock, logger = silent }: { clock?: Clock; logger?: LoggerService } = {},
): Promise<{ app: INestApplication; base: string }> {
  let builder = Test.createTestingModule({
    imports: [AuthGuardModule.forRoot({ endpoint, timeoutMs: 300, ...options })],
    controllers: [ThingsController],
  });
  if (clock) builder = builder.overrideProvider(AUTH_CLOCK).useValue(clock);
  const moduleRef = await builder.setLogger(logger).compile();
  const app = moduleRef.createNestApplication({ logger });
  app.useGlobalFilters(new ProblemBodies());
  await app.listen(0, '127.0.0.1');
  return { app, base: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

export interface PlainResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * GET `url` from a chosen loopback source address (127.0.0.2, …), so that one test can play
 * several clients the server tells apart by `req.ip`, as it would real ones.
 */
export function getFrom(
  localAddress: string,
  url: string,
  authorization?: string,
): Promise<PlainResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { localAddress, headers: authorization ? { authorization } : {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
