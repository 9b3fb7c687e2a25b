import { ApiError, TransferError } from '@enclave/upload-client';
import { errorMessage } from './error-message';

const problem = (status: number, detail: string) => ({
  type: 'about:blank',
  title: 'Refused',
  status,
  detail,
});

describe('errorMessage', () => {
  it('asks to try again in a moment when the API is unavailable', () => {
    expect(errorMessage(new ApiError(503, undefined, 'listFiles'))).toBe(
      'The service is briefly unavailable — try again in a moment.',
    );
  });

  it('tells a signed-out user to sign in again', () => {
    expect(errorMessage(new ApiError(401, undefined, 'listFiles'))).toMatch(/sign in again/);
  });

  it('tells that a missing file is gone', () => {
    expect(errorMessage(new ApiError(404, undefined, 'deleteFile'))).toMatch(/no longer exists/);
  });

  it("passes on the API's own explanation of other refusals", () => {
    const error = new ApiError(400, problem(400, 'file_name must not contain "/"'), 'createFile');
    expect(errorMessage(error)).toBe('file_name must not contain "/"');
  });

  it('tells storage refusals and network failures apart', () => {
    expect(errorMessage(new TransferError(503, '', 'part 1'))).toMatch(/Storage is busy/);
    expect(errorMessage(new TypeError('fetch failed'))).toMatch(/check your connection/);
  });
});
