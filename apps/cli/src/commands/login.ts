import { input, password as passwordPrompt } from '@inquirer/prompts';
import { credentialsFrom } from '../config/session';
import { CliError, ExitCode } from '../output/cli-error';
import type { CliContext } from './context';

export interface LoginOptions {
  email?: string;
  passwordStdin?: boolean;
  otp?: string;
}

/** `enclave login`: password, then the TOTP challenge, through the auth service. */
export async function login(context: CliContext, options: LoginOptions): Promise<void> {
  const interactive = Boolean(context.io.stdin.isTTY);
  const ask = async (what: string, flag: string, prompt: () => Promise<string>) => {
    if (!interactive)
      throw new CliError(`${what} is needed: pass ${flag} (no terminal to ask on)`, ExitCode.Usage);
    return prompt();
  };
  const email =
    options.email ??
    (await ask('the e-mail address', '--email', () => input({ message: 'E-mail:' })));
  const password = options.passwordStdin
    ? await readPassword(context.io.stdin)
    : await ask('the password', '--password-stdin', () =>
        passwordPrompt({ message: 'Password:', mask: '*' }),
      );
  if (!password) throw new CliError('the password is empty', ExitCode.Usage);

  const answer = await context.auth.login(email, password);
  const tokens =
    answer.kind === 'tokens'
      ? answer.tokens
      : await context.auth.verifyMfa(
          email,
          answer,
          options.otp ??
            (await ask('the authenticator code', '--otp', () =>
              input({
                message: 'Authenticator code:',
                validate: (code) => /^\d{6}$/.test(code) || 'six digits',
              }),
            )),
        );
  const credentials = credentialsFrom(email, tokens, Date.now());
  await context.credentials.write(credentials);
  context.print(`Logged in as ${email}.`, { email, user_id: credentials.user_id });
}

/** The whole of stdin, less one trailing newline (as `echo … |` adds). */
async function readPassword(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
