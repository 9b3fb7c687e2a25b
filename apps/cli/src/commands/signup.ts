import type { AuthApi } from '../config/auth-client';
import { credentialsFrom } from '../config/session';
import { httpSignUpApi, type SignUpApi } from '../config/sign-up-api';
import { CliError, ExitCode } from '../output/cli-error';
import { lineAnswers, terminalAnswers, type SignUpAnswers } from '../signup/answers';
import { groupedSecret, otpauthUri, qrCodeText } from '../signup/totp-enrolment';
import type { CliContext } from './context';

export interface SignupOptions {
  email?: string;
  name?: string;
  phone?: string;
  /** `--no-login` sets it false: only create the account. */
  login?: boolean;
}

export interface SignupServices {
  signUp: SignUpApi;
  auth: AuthApi;
}

/**
 * `enclave signup`: creates an account as a person does on the auth service: details, the
 * temporary password from the e-mail, a new password, then TOTP enrolment (secret as text and
 * as a QR code) confirmed with a code; then logs in. On a terminal it asks; in a script the
 * details come from flags and each secret is one line of standard input.
 */
export async function signup(
  context: CliContext,
  options: SignupOptions,
  services: SignupServices = { signUp: httpSignUpApi(context.authUrl), auth: context.auth },
): Promise<void> {
  // The conversation goes to stderr so that stdout holds only the result.
  const say = (text: string) => context.io.stderr.write(`${text}\n`);
  const answers = context.io.stdin.isTTY
    ? terminalAnswers(options, say)
    : lineAnswers(options, context.io.stdin, (text) => context.notice(text));
  try {
    const email = await answers.email();
    const fullName = await answers.fullName();
    const phone = await answers.phone();
    const { user_id } = await services.signUp
      .signUp({ email, full_name: fullName, mobile_phone_number: phone })
      // A refused sign-up (say, the address has an account) is no login problem: exit 1.
      .catch((error: unknown) => {
        throw error instanceof CliError ? new CliError(error.message) : error;
      });
    context.notice(`Account created: a temporary password is on its way to ${email}.`);

    const { password, secret } = await setPassword(services.signUp, answers, user_id, email, say);
    say(`\nAdd Enclave to your authenticator app: scan this QR code, or type the secret.`);
    say(await qrCodeText(otpauthUri(secret, email), Boolean(context.io.stderr.isTTY)));
    say(`TOTP secret: ${groupedSecret(secret)}\n`);
    const code = await confirmAuthenticator(services.signUp, answers, user_id, email, say);
    context.notice('Authenticator confirmed.');

    const loggedIn =
      options.login !== false && (await logIn(context, services.auth, email, password, code));
    context.print(
      loggedIn
        ? `Signed up and logged in as ${email}.`
        : `Signed up as ${email}: run \`enclave login\` to log in.`,
      { email, user_id, mfa_status: 'CONFIRMED', logged_in: loggedIn },
    );
  } finally {
    answers.close();
  }
}

/** Confirms the account with a new password; answers it and the TOTP secret to enrol. */
async function setPassword(
  api: SignUpApi,
  answers: SignUpAnswers,
  userId: string,
  email: string,
  say: (text: string) => void,
): Promise<{ password: string; secret: string }> {
  let temporary = await answers.temporaryPassword(email);
  let password = await answers.newPassword();
  for (;;) {
    try {
      const confirmed = await api.confirm(userId, {
        email,
        temporary_password: temporary.trim(),
        new_password: password,
      });
      return { password, secret: confirmed.qr_code_secret };
    } catch (error) {
      if (!answers.mayRetry || !refused(error)) throw error;
      say(error.message);
      // Cognito's words for a password its policy refuses; anything else is the temporary one.
      if (/conform to policy/i.test(error.message)) password = await answers.newPassword();
      else temporary = await answers.temporaryPassword(email);
    }
  }
}

/** Answers the code that proved the authenticator app holds the secret. */
async function confirmAuthenticator(
  api: SignUpApi,
  answers: SignUpAnswers,
  userId: string,
  email: string,
  say: (text: string) => void,
): Promise<string> {
  for (;;) {
    const code = await answers.authenticatorCode();
    try {
      await api.confirmMfa(userId, { email, otp: code });
      return code;
    } catch (error) {
      if (!answers.mayRetry || !refused(error)) throw error;
      say(`${error.message} Try the next code.`);
    }
  }
}

/**
 * Logs in with the new password, answering the MFA challenge with the code just confirmed (it
 * is still fresh). A service that will not take that code again only means a later login.
 */
async function logIn(
  context: CliContext,
  auth: AuthApi,
  email: string,
  password: string,
  code: string,
): Promise<boolean> {
  try {
    const answer = await auth.login(email, password);
    const tokens =
      answer.kind === 'tokens' ? answer.tokens : await auth.verifyMfa(email, answer, code);
    await context.credentials.write(credentialsFrom(email, tokens, Date.now()));
    return true;
  } catch (error) {
    if (!refused(error)) throw error;
    context.notice(`Could not log in right away (${error.message}).`);
    return false;
  }
}

function refused(error: unknown): error is CliError {
  return error instanceof CliError && error.exitCode === ExitCode.Auth;
}
