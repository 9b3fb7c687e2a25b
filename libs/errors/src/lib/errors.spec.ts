import { awsErrorName, isAwsOutage } from './aws-outage';
import { DependencyFailed, DependencyUnavailable } from './domain-error';
import { ProblemException, problemTypeUri } from './problem';

describe('isAwsOutage', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })],
    ['throttling', Object.assign(new Error('slow down'), { name: 'ThrottlingException' })],
    ['S3 asking to slow down', Object.assign(new Error('x'), { name: 'SlowDown' })],
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
    ['a timeout', Object.assign(new Error('t'), { name: 'TimeoutError' })],
    [
      "the SDK's wrapper of an error from another realm",
      new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:1'),
    ],
  ])('counts %s as an outage (repeat later)', (_, error) => {
    expect(isAwsOutage(error)).toBe(true);
  });

  it.each([
    [
      'a lost condition',
      Object.assign(new Error('x'), {
        name: 'ConditionalCheckFailedException',
        $metadata: { httpStatusCode: 400 },
      }),
    ],
    [
      'access denied',
      Object.assign(new Error('x'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }),
    ],
    ['a bug', new TypeError('undefined is not a function')],
    ['a message that merely mentions a code', new Error('ECONNREFUSED is in this text')],
    ['nothing', undefined],
  ])('does not count %s as an outage', (_, error) => {
    expect(isAwsOutage(error)).toBe(false);
  });

  it('stops following a cause chain that loops', () => {
    const error: { name: string; cause?: unknown } = { name: 'X' };
    error.cause = error;
    expect(isAwsOutage(error)).toBe(false);
    expect(awsErrorName(error)).toBe('X');
  });
});

describe('domain errors', () => {
  it('carry their own name, kind and dependency, and keep the cause for the logs', () => {
    const cause = new Error('ECONNREFUSED 127.0.0.1:4567');
    const down = new DependencyUnavailable('DynamoDB', cause);
    expect(down).toMatchObject({
      name: 'DependencyUnavailable',
      kind: 'unavailable',
      dependency: 'DynamoDB',
      retryAfterSeconds: 1,
      message: 'DynamoDB is unavailable; try again shortly.',
    });
    expect(down.cause).toBe(cause);
    expect(new DependencyFailed('S3', cause)).toMatchObject({
      name: 'DependencyFailed',
      kind: 'internal',
    });
  });

  it('renders problems with stable type URIs', () => {
    expect(problemTypeUri('payloadTooLarge')).toBe('urn:enclave:problem:payload-too-large');
    expect(new ProblemException('gone', 'expired').problem).toEqual({
      type: 'urn:enclave:problem:gone',
      title: 'Gone',
      status: 410,
      detail: 'expired',
    });
  });
});
