import { FormControl } from '@angular/forms';
import {
  e164Phone,
  emailAddress,
  PASSWORD_RULES,
  sixDigitCode,
  strongPassword,
} from './validation';

const valid = (validator: typeof emailAddress, value: string): boolean =>
  validator(new FormControl(value)) === null;

describe('validators', () => {
  it('accept what the auth service accepts and refuse the rest', () => {
    expect(valid(emailAddress, 'ada@example.com')).toBe(true);
    expect(valid(emailAddress, 'ada@example')).toBe(false);
    expect(valid(e164Phone, '+15555550100')).toBe(true);
    expect(valid(e164Phone, '15555550100')).toBe(false);
    expect(valid(e164Phone, '+1 555 555')).toBe(false);
    expect(valid(sixDigitCode, '012345')).toBe(true);
    expect(valid(sixDigitCode, '12345')).toBe(false);
    expect(valid(strongPassword, 'Abcdefg1!')).toBe(true);
    expect(valid(strongPassword, 'abcdefg1!')).toBe(false);
  });

  it('leave an empty value to Validators.required', () => {
    expect(valid(emailAddress, '')).toBe(true);
  });

  it('list the password rules one by one', () => {
    expect(PASSWORD_RULES.filter((rule) => !rule.test('abcdefgh')).map((r) => r.label)).toEqual([
      'An uppercase letter',
      'A digit',
      'A symbol such as ! @ # % & * - = ?',
    ]);
  });
});
