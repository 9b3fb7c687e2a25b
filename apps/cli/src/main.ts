import { Command, CommanderError } from 'commander';
import { CliContext, type CliIo, type GlobalOptions } from './commands/context';
import { download, type DownloadOptions } from './commands/download';
import { get, type GetOptions } from './commands/get';
import { key, shredKey, type ShredOptions } from './commands/key';
import { link, type LinkOptions } from './commands/link';
import { login, type LoginOptions } from './commands/login';
import { logout } from './commands/logout';
import { ls, type LsOptions } from './commands/ls';
import { revoke } from './commands/revoke';
import { rm } from './commands/rm';
import { share, type ShareOptions } from './commands/share';
import { shares, type SharesOptions } from './commands/shares';
import { signup, type SignupOptions } from './commands/signup';
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
    .command('signup')
    .description(
      'create an account: details, the e-mailed temporary password, a new password, authenticator',
    )
    .option('--email <email>', 'e-mail address (asked for when missing)')
    .option('--name <full name>', 'your name (asked for when missing)')
    .option('--phone <+number>', 'mobile phone in international format, e.g. +15555550100')
    .option('--no-login', 'only create the account; log in later with `enclave login`')
    .addHelpText(
      'after',
      '\nWithout a terminal, the details must be flags and the temporary password, the new\n' +
        'password and the authenticator code are read from standard input, one line each,\n' +
        'as they are needed.',
    )
    .action((options: SignupOptions, command: Command) => signup(contextOf(command), options));

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

  program
    .command('share')
    .description('e-mail people a personal link to a file (each can be revoked alone)')
    .argument('<file_id>')
    .requiredOption('--to <emails>', 'recipients, comma-separated: a@x.com,b@y.com (at most 20)')
    .option('--expires <duration>', 'how long the links work: 30m, 1h, 7d, 30d (default 1h)')
    .option('--message <text>', 'a note for the recipients')
    .action((fileId: string, options: ShareOptions, command: Command) =>
      share(contextOf(command), fileId, options),
    );

  program
    .command('link')
    .description('create a share link and print its URL (only the URL, for pipes)')
    .argument('<file_id>')
    .option('--expires <duration>', 'how long it works: 30m, 1h, 7d, 30d (default 1h)')
    .option('--max-downloads <n>', 'stop working after this many downloads')
    .option('--password-stdin', 'protect it with a password read from standard input')
    .action((fileId: string, options: LinkOptions, command: Command) =>
      link(contextOf(command), fileId, options),
    );

  program
    .command('shares')
    .description('list your shares: recipient or link, state, downloads, expiry, last access')
    .option('--file <file_id>', 'only the shares of this file')
    .action((options: SharesOptions, command: Command) => shares(contextOf(command), options));

  program
    .command('revoke')
    .description('revoke a share: its link stops working at once')
    .argument('<share_id>')
    .action((shareId: string, _options: object, command: Command) =>
      revoke(contextOf(command), shareId),
    );

  program
    .command('get')
    .description('download what a share link points at (no login needed)')
    .argument('<link>', 'the share link (…/s/<token>) or its token')
    .option('-o, --output <path>', 'file or directory to write to (default: its name, here)')
    .option('-f, --force', 'overwrite an existing file')
    .option('--password-stdin', "read the link's password from standard input")
    .action((linkOrToken: string, options: GetOptions, command: Command) =>
      get(contextOf(command), linkOrToken, options),
    );

  const keyCommand = program
    .command('key')
    .description('how your files are encrypted: mode, key state, key id, when it was made')
    .action((_options: object, command: Command) => key(contextOf(command)));
  keyCommand
    .command('shred')
    .description('crypto-shred: destroy your key and every file you have stored (no undo)')
    .option('--confirm <email>', 'your e-mail, exactly, instead of typing it (for scripts)')
    .action((options: ShredOptions, command: Command) => shredKey(contextOf(command), options));

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
