import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DependencyFailed, DependencyUnavailable, ProblemException } from '@enclave/errors';
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

  it('answers 503 for a dependency outage, naming the dependency', () => {
    expect(toProblem(new DependencyUnavailable('DynamoDB'))).toEqual({
      type: 'urn:enclave:problem:unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: 'DynamoDB is unavailable; try again shortly.',
    });
  });

  it('answers anything unknown, or a refused dependency, with a 500 that says nothing internal', () => {
    const internal = {
      type: 'urn:enclave:problem:internal',
      title: 'Internal error',
      status: 500,
      detail: 'An unexpected error occurred.',
    };
    expect(toProblem(new TypeError('secret internals'))).toEqual(internal);
    expect(toProblem(new DependencyFailed('S3', new Error('AccessDenied: arn:aws:…')))).toEqual(
      internal,
    );
  });
});
