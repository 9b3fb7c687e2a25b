import {
  ApiError,
  TransferError,
  UploadAbortedError,
  UploadCancelledError,
} from '@enclave/upload-client';
import { RetryLaterError } from '../sharing/api-answer';
import { formatDuration } from '../options/duration';
import { CliError, ExitCode } from './cli-error';

/** Any failure as the one line to print and the exit code; never includes a token. */
export function toCliError(error: unknown, apiUrl?: string): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof ApiError) {
    const detail = error.problem?.detail ?? error.message;
    if (error.status === 401)
      return new CliError(
        `not logged in or the session has expired (${detail}): run \`enclave login\``,
        ExitCode.Auth,
      );
    if (error.status === 404) return new CliError(detail, ExitCode.NotFound);
    if (error.status === 410)
      return new CliError(`this share no longer works: ${detail}`, ExitCode.NotFound);
    if (error instanceof RetryLaterError && error.retryAfterSeconds !== undefined)
      return new CliError(`${detail} (try again in ${formatDuration(error.retryAfterSeconds)})`);
    return new CliError(detail, ExitCode.Failure);
  }
  if (error instanceof TransferError) return new CliError(`storage: ${error.message}`);
  if (error instanceof UploadAbortedError)
    return new CliError('interrupted: run the same command again to resume', ExitCode.Interrupted);
  if (error instanceof UploadCancelledError) return new CliError('cancelled', ExitCode.Interrupted);
  // Ctrl-C: fetch aborts with AbortError, an @inquirer prompt rejects with ExitPromptError.
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'AbortError' || name === 'ExitPromptError')
    return new CliError('interrupted', ExitCode.Interrupted);
  if (error instanceof TypeError && error.message === 'fetch failed')
    return new CliError(`cannot reach ${apiUrl ?? 'the API'}: ${causeMessage(error)}`);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES' || code === 'EEXIST')
    return new CliError((error as Error).message);
  return new CliError(error instanceof Error ? error.message : String(error));
}

function causeMessage(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error ? cause.message : 'connection failed';
}
