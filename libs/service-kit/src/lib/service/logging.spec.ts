import { Logger } from '@nestjs/common';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServiceLogger, PinoNestLogger, requestLogger } from './logging';

/** A PinoNestLogger writing JSON lines into an array, and Nest's Logger routed to it. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const pino = createServiceLogger('debug', {
    write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  Logger.overrideLogger(new PinoNestLogger(pino));
  return lines;
}

afterEach(() => Logger.overrideLogger(false));

describe('PinoNestLogger', () => {
  it("keeps a Logger's context, its message and an object's fields", () => {
    const lines = capture();
    const logger = new Logger('FileRemoval');
    logger.warn('parts stay stored');
    logger.log({ abandoned: 2, finished: 1 }, 'swept');
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, context: 'FileRemoval', msg: 'parts stay stored' }),
      expect.objectContaining({ level: 30, context: 'FileRemoval', abandoned: 2, msg: 'swept' }),
    ]);
  });

  it('logs an error with its stack, whether given as an Error or as Nest passes it', () => {
    const lines = capture();
    const failure = new Error('boom');
    new Logger('ProblemFilter').error({ err: failure, status: 500 }, 'request failed');
    Logger.error('could not start', failure.stack);
    expect(lines[0]).toMatchObject({
      level: 50,
      context: 'ProblemFilter',
      status: 500,
      msg: 'request failed',
      err: { message: 'boom' },
    });
    expect(lines[1]).toMatchObject({ level: 50, msg: 'could not start' });
    expect(lines[1]?.['stack']).toContain('at ');
    expect(lines[1]?.['context']).toBeUndefined();
  });

  it('writes nothing below its level', () => {
    const lines: string[] = [];
    const quiet = new PinoNestLogger(
      createServiceLogger('warn', { write: (l: string) => lines.push(l) }),
    );
    quiet.log('started', 'NestApplication');
    quiet.debug('details');
    expect(lines).toEqual([]);
  });
});

describe('requestLogger', () => {
  it('logs neither bearer tokens, query strings nor share tokens', async () => {
    const lines: string[] = [];
    const log = requestLogger(
      createServiceLogger('info', { write: (line: string) => lines.push(line) }),
    );
    const server = createServer((req, res) => {
      log(req, res);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const shareToken = 'c2hhcmUtdG9rZW4tdGhhdC1tdXN0LW5vdC1iZS1sb2dnZWQ';
    try {
      await fetch(`http://127.0.0.1:${port}/v1/shares/${shareToken}/download?X-Amz-Signature=abc`, {
        headers: { authorization: 'Bearer id-token-secret' },
      });
    } finally {
      server.close();
    }
    const text = lines.join('\n');
    expect(text).toContain('/v1/shares/{token}/download');
    expect(text).not.toContain(shareToken);
    expect(text).not.toContain('id-token-secret');
    expect(text).not.toContain('X-Amz-Signature');
  });
});
