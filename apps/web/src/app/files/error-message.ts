import { ApiError, TransferError } from '@enclave/upload-client';

/** A sentence for a failed call that says what happened and what to do about it. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return apiMessage(error);
  if (error instanceof TransferError)
    return error.status >= 500
      ? 'Storage is busy — retry in a moment.'
      : `Storage refused the upload (HTTP ${error.status}) — retry; if it keeps failing, upload the file again.`;
  // fetch rejects with a TypeError when the connection fails.
  if (error instanceof TypeError)
    return 'Could not reach the server — check your connection and try again.';
  return 'Something went wrong — try again.';
}

function apiMessage(error: ApiError): string {
  switch (error.status) {
    case 401:
      return 'Your session has ended — sign in again.';
    case 403:
      return 'You are not allowed to do that — sign in with the account that owns these files.';
    case 404:
    case 410:
      return 'That file no longer exists — refresh the list.';
    case 413:
      return error.problem?.detail ?? 'The file is larger than this service accepts.';
    case 429:
      return 'Too many requests — wait a moment and try again.';
    case 503:
      return 'The service is briefly unavailable — try again in a moment.';
    default:
      if (error.status >= 500) return 'The server had a problem — try again in a moment.';
      return error.problem?.detail ?? `The request was refused (HTTP ${error.status}).`;
  }
}
