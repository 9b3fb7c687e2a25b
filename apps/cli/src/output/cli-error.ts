/** The command's exit status, for scripts. */
export enum ExitCode {
  Ok = 0,
  Failure = 1,
  Usage = 2,
  /** Not logged in, the session expired, or the credentials were refused. */
  Auth = 3,
  /** No such thing, or a share link that was revoked, expired or used up (410 Gone). */
  NotFound = 4,
  /** Ctrl-C: an upload stopped this way resumes when the same command runs again. */
  Interrupted = 130,
}

/** A failure with the one-line message to print and the exit code to leave with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.Failure,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}
