import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

// The auth service's own rules (tools/local-auth schemas and password policy, i.e. Cognito's
// defaults), checked here first so most mistakes never make a round trip.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[0-9]{1,14}$/;
const SIX_DIGITS = /^[0-9]{6}$/;
const SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-';

export interface PasswordRule {
  label: string;
  test: (password: string) => boolean;
}

export const PASSWORD_RULES: readonly PasswordRule[] = [
  { label: 'At least 8 characters', test: (p) => p.length >= 8 },
  { label: 'An uppercase letter', test: (p) => /[A-Z]/.test(p) },
  { label: 'A lowercase letter', test: (p) => /[a-z]/.test(p) },
  { label: 'A digit', test: (p) => /[0-9]/.test(p) },
  {
    label: 'A symbol such as ! @ # % & * - = ?',
    test: (p) => [...p].some((char) => SYMBOLS.includes(char)),
  },
];

const valueOf = (control: AbstractControl): string =>
  typeof control.value === 'string' ? control.value : '';

const rule =
  (key: string, test: (value: string) => boolean): ValidatorFn =>
  (control) => {
    const value = valueOf(control);
    return value === '' || test(value) ? null : { [key]: true };
  };

export const emailAddress: ValidatorFn = rule('emailAddress', (v) => EMAIL.test(v.trim()));
export const e164Phone: ValidatorFn = rule('e164Phone', (v) => E164.test(v));
export const sixDigitCode: ValidatorFn = rule('sixDigitCode', (v) => SIX_DIGITS.test(v));
export const strongPassword: ValidatorFn = rule('strongPassword', (v) =>
  PASSWORD_RULES.every((r) => r.test(v)),
);

/** The sentence shown under a control for the first rule it breaks. */
export function validationMessage(errors: ValidationErrors | null): string | undefined {
  if (!errors) return undefined;
  if (errors['required']) return 'This field is required.';
  if (errors['emailAddress']) return 'Enter an e-mail address like name@example.com.';
  if (errors['e164Phone'])
    return 'Enter the number in international form: + and country code, digits only, like +15555550100.';
  if (errors['sixDigitCode']) return 'Enter the 6-digit code.';
  if (errors['strongPassword']) return 'The password does not meet every rule below.';
  if (errors['mismatch']) return 'The passwords do not match.';
  return 'This value is not valid.';
}
