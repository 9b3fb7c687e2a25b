import { Command, CommanderError } from 'commander';
import { CliContext, type CliIo, type GlobalOptions } from './commands/context';
import { download, type DownloadOptions } from './commands/download';
import { login, type LoginOptions } from './commands/login';
import { logout } from './commands/logout';
import { ls, type LsOptions } from './commands/ls';
import { rm } from './commands/rm';
import { upload, type UploadCommandOptions } from './commands/upload';
import { ExitCode } from './output/cli-error';
import { toCliError } from './output/error-message';

const VERSION = '0.1.0';

/** Runs one `enclave …` invocation and answers its exit code; never calls process.exit. */
export async function runCli(argv: string[], io: CliIo, signal: AbortSignal): Promise<number> {
  let context: CliContext | undefined;
  const contextOf = (command: Command): CliContext =>
    (context ??= new CliContext(command.optsWithGlobals<GlobalOptions>(), io, signal));

  const program = new Command('enclave')
    .description('Enclave file sharing from the command line.')
    .version(VERSION)
    .option('--api <url>', 'API base URL (env ENCLAVE_API_URL; default http://127.0.0.1:3000)')
    .option(
      '--auth <url>',
      'auth service URL (env ENCLAVE_AUTH_URL; default http://127.0.0.1:3100)',
    )
    .option('--json', 'print results as JSON (for scripts)')
    .option('-q, --quiet', 'no progress or notices on stderr')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run `enclave --help` for usage)');

  program
    .command('login')
    .description('log in with e-mail, password and an authenticator code')
    .option('--email <email>', 'e-mail address (asked for when missing)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--otp <code>', 'the 6-digit authenticator code (asked for when missing)')
    .action((options: LoginOptions, command: Command) => login(contextOf(command), options));

  program
    .command('logout')
    .description('end the session and remove the stored tokens')
    .action((_options: object, command: Command) => logout(contextOf(command)));

  program
    .command('ls')
    .description('list your files, newest first')
    .option('--limit <n>', 'at most this many files')
    .action((options: LsOptions, command: Command) => ls(contextOf(command), options));

  program
    .command('upload')
    .description('upload files (an interrupted upload of the same file resumes)')
    .argument('<paths...>', 'files to upload')
    .option('-p, --parallel <n>', 'parts sent at once', '4')
    .option('--checksum', 'send a SHA-256 with every part so S3 rejects corrupted bytes')
    .action((paths: string[], options: UploadCommandOptions, command: Command) =>
      upload(contextOf(command), paths, options),
    );

  program
    .command('download')
    .description('download a file')
    .argument('<file_id>')
    .option('-o, --output <path>', 'file or directory to write to (default: its name, here)')
    .option('-f, --force', 'overwrite an existing file')
    .action((fileId: string, options: DownloadOptions, command: Command) =>
      download(contextOf(command), fileId, options),
    );

  program
    .command('rm')
    .description('delete a file (or cancel its unfinished upload)')
    .argument('<file_id>')
    .action((fileId: string, _options: object, command: Command) => rm(contextOf(command), fileId));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return ExitCode.Ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version "fail" with exit code 0; everything else commander throws is usage.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    const cliError = toCliError(error, context?.apiUrl);
    io.stderr.write(`enclave: ${cliError.message}\n`);
    return cliError.exitCode;
  }
}

if (require.main === module) {
  const interrupt = new AbortController();
  process.once('SIGINT', () => {
    // The first Ctrl-C stops cleanly (uploads keep their state); a second one stops at once.
    interrupt.abort();
    process.once('SIGINT', () => process.exit(ExitCode.Interrupted));
  });
  void runCli(process.argv.slice(2), process, interrupt.signal).then((code) => {
    process.exitCode = code;
  });
}
