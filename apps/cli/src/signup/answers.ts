import { input, password as passwordPrompt } from '@inquirer/prompts';
import { createInterface } from 'node:readline';
import { CliError, ExitCode } from '../output/cli-error';

/** What `enclave signup` asks for, in the order it asks. */
export interface SignUpAnswers {
  email(): Promise<string>;
  fullName(): Promise<string>;
  phone(): Promise<string>;
  temporaryPassword(email: string): Promise<string>;
  newPassword(): Promise<string>;
  authenticatorCode(): Promise<string>;
  /** A person at a terminal may answer again after a refusal; a script's answers are final. */
  readonly mayRetry: boolean;
  close(): void;
}

export interface GivenDetails {
  email?: string;
  name?: string;
  phone?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
// The auth contract's mobile_phone_number: E.164.
const PHONE = /^\+[0-9]{1,14}$/;
const CODE = /^\d{6}$/;

const checks = {
  email: (value: string) => EMAIL.test(value) || 'an e-mail address, e.g. ada@example.com',
  name: (value: string) => value.trim().length > 0 || 'your name, as others will see it',
  phone: (value: string) =>
    PHONE.test(value) || 'international format: + and the country code, e.g. +15555550100',
  code: (value: string) => CODE.test(value) || 'the six digits your authenticator app shows',
};

/** A given flag, checked as the prompt would check it. */
function given(flag: string, value: string, check: (value: string) => true | string): string {
  const verdict = check(value);
  if (verdict !== true) throw new CliError(`${flag}: ${verdict}`, ExitCode.Usage);
  return value;
}

/** A person at a terminal: prompts for whatever the flags did not give. */
export function terminalAnswers(details: GivenDetails, say: (text: string) => void): SignUpAnswers {
  return {
    mayRetry: true,
    email: async () =>
      details.email !== undefined
        ? given('--email', details.email, checks.email)
        : input({ message: 'E-mail:', validate: checks.email }),
    fullName: async () =>
      details.name !== undefined
        ? given('--name', details.name, checks.name)
        : input({ message: 'Full name:', validate: checks.name }),
    phone: async () =>
      details.phone !== undefined
        ? given('--phone', details.phone, checks.phone)
        : input({ message: 'Mobile phone (e.g. +15555550100):', validate: checks.phone }),
    temporaryPassword: (email) =>
      passwordPrompt({ message: `Temporary password from the e-mail to ${email}:`, mask: '*' }),
    async newPassword() {
      for (;;) {
        const first = await passwordPrompt({ message: 'New password:', mask: '*' });
        const again = await passwordPrompt({ message: 'New password again:', mask: '*' });
        if (first === again) return first;
        say('The two passwords differ; once more.');
      }
    },
    authenticatorCode: () =>
      input({ message: 'Code from your authenticator app:', validate: checks.code }),
    close: () => undefined,
  };
}

/**
 * A script: the details from flags, and each secret as one line of standard input, read only
 * when it is needed, so the script can answer after reading the e-mail or the TOTP secret.
 */
export function lineAnswers(
  details: GivenDetails,
  stdin: NodeJS.ReadableStream,
  say: (text: string) => void,
): SignUpAnswers {
  const lines = createInterface({ input: stdin, crlfDelay: Infinity });
  const next = lines[Symbol.asyncIterator]();
  const line = async (what: string): Promise<string> => {
    say(`Reading ${what} from standard input (one line).`);
    const { value, done } = await next.next();
    if (done) throw new CliError(`standard input ended before ${what}`, ExitCode.Usage);
    return value;
  };
  const flag = (name: string, value: string | undefined, check: (v: string) => true | string) => {
    if (value === undefined)
      throw new CliError(`pass ${name} (no terminal to ask on)`, ExitCode.Usage);
    return Promise.resolve(given(name, value, check));
  };
  return {
    mayRetry: false,
    email: () => flag('--email', details.email, checks.email),
    fullName: () => flag('--name', details.name, checks.name),
    phone: () => flag('--phone', details.phone, checks.phone),
    temporaryPassword: () => line('the temporary password'),
    newPassword: () => line('the new password'),
    async authenticatorCode() {
      const code = (await line('the authenticator code')).trim();
      return given('the authenticator code', code, checks.code);
    },
    close: () => lines.close(),
  };
}
