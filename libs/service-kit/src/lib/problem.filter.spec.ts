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

  it('answers an exposed 4xx from express middleware as that status, never its message', () => {
    const aborted = Object.assign(new Error('request aborted at byte 12'), {
      status: 400,
      expose: true,
      type: 'request.aborted',
    });
    expect(toProblem(aborted)).toEqual({
      type: 'urn:enclave:problem:validation',
      title: 'Invalid request',
      status: 400,
      detail: 'The request could not be processed as sent.',
    });
    expect(toProblem(Object.assign(new Error('x'), { status: 413, expose: true }))).toMatchObject({
      status: 413,
      type: 'urn:enclave:problem:payload-too-large',
    });
    // Not exposed, or a 5xx: a server fault, answered as one.
    expect(toProblem(Object.assign(new Error('x'), { status: 400, expose: false }))).toMatchObject({
      status: 500,
    });
    expect(toProblem(Object.assign(new Error('x'), { status: 502, expose: true }))).toMatchObject({
      status: 500,
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
