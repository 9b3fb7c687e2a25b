import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ProblemException } from './problem';
import { toProblem } from './problem.filter';

describe('toProblem', () => {
  it('passes problems through as thrown', () => {
    const thrown = new ProblemException('conflict', 'not yet', [{ field: 'x', message: 'y' }]);
    expect(toProblem(thrown)).toEqual({
      type: 'urn:enclave:problem:conflict',
      title: 'Conflict',
      status: 409,
      detail: 'not yet',
      errors: [{ field: 'x', message: 'y' }],
    });
  });

  it('maps Nest HTTP errors by status', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x'))).toMatchObject({
      status: 404,
      detail: 'Cannot GET /x',
    });
    expect(toProblem(new BadRequestException('bad'))).toMatchObject({
      status: 400,
      type: 'urn:enclave:problem:validation',
    });
  });

  it('names body-parser failures', () => {
    expect(
      toProblem(Object.assign(new SyntaxError('x'), { type: 'entity.parse.failed' })),
    ).toMatchObject({
      status: 400,
      detail: 'The request body is not valid JSON.',
    });
    expect(toProblem(Object.assign(new Error('x'), { type: 'entity.too.large' }))).toMatchObject({
      status: 413,
    });
  });

  it.each([
    ['a refused connection', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })],
    ['throttling', Object.assign(new Error('slow down'), { name: 'ThrottlingException' })],
    [
      'an AWS 5xx',
      Object.assign(new Error('boom'), {
        name: 'InternalError',
        $metadata: { httpStatusCode: 500 },
      }),
    ],
    [
      'a wrapped network error',
      Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNRESET' } }),
    ],
  ])('answers 503 for a dependency outage: %s', (_, error) => {
    expect(toProblem(error)).toMatchObject({
      status: 503,
      type: 'urn:enclave:problem:unavailable',
    });
  });

  it('maps a lost conditional write to 409 and anything unknown to a 500 that says nothing internal', () => {
    expect(
      toProblem(Object.assign(new Error('x'), { name: 'ConditionalCheckFailedException' })),
    ).toMatchObject({ status: 409 });
    expect(toProblem(new TypeError('secret internals'))).toEqual({
      type: 'urn:enclave:problem:internal',
      title: 'Internal error',
      status: 500,
      detail: 'An unexpected error occurred.',
    });
  });
});
