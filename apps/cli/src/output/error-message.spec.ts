import { ApiError, TransferError, UploadAbortedError } from '@enclave/upload-client';
import { RetryLaterError } from '../sharing/api-answer';
import { CliError, ExitCode } from './cli-error';
import { toCliError } from './error-message';

const problem = (status: number, detail: string) =>
  new ApiError(status, { type: 'urn:x', title: 't', status, detail }, 'op');

describe('toCliError', () => {
  it.each([
    [problem(401, 'Missing bearer token.'), ExitCode.Auth],
    [problem(404, 'No file 123.'), ExitCode.NotFound],
    [problem(403, 'Not your file.'), ExitCode.Failure],
    [problem(410, 'This share was revoked.'), ExitCode.NotFound],
    [problem(429, 'Too many tries.'), ExitCode.Failure],
    [problem(409, 'The bytes are not all stored.'), ExitCode.Failure],
    [new TransferError(400, '', 'part 1'), ExitCode.Failure],
    [new UploadAbortedError(undefined), ExitCode.Interrupted],
    [new DOMException('This operation was aborted', 'AbortError'), ExitCode.Interrupted],
    [new CliError('bad flag', ExitCode.Usage), ExitCode.Usage],
  ])('%s → exit %i', (error, code) => {
    expect(toCliError(error).exitCode).toBe(code);
  });

  it('uses the problem detail as the message', () => {
    expect(toCliError(problem(404, 'No file 123.')).message).toBe('No file 123.');
  });

  it('says a share is gone (exit 4), naming why', () => {
    const error = toCliError(problem(410, 'This share was revoked.'));
    expect(error).toMatchObject({
      exitCode: 4,
      message: 'this share no longer works: This share was revoked.',
    });
  });

  it('says when to retry after a 429', () => {
    const limited = new RetryLaterError(
      { type: 'urn:x', title: 't', status: 429, detail: 'Too many wrong passwords.' },
      'downloadPublicShare',
      900,
    );
    expect(toCliError(limited).message).toBe('Too many wrong passwords. (try again in 15m)');
  });

  it('names the API it could not reach', () => {
    const error = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    expect(toCliError(error, 'http://127.0.0.1:9').message).toBe(
      'cannot reach http://127.0.0.1:9: connect ECONNREFUSED',
    );
  });
});
