import { CliError, ExitCode } from '../output/cli-error';

/** A flag's value as a whole number ≥ 1 (and ≤ max); anything else is a usage error. */
export function parsePositiveInteger(flag: string, value: string, max = Infinity): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < 1 || number > max)
    throw new CliError(
      `${flag} must be a whole number from 1${max === Infinity ? ' up' : ` to ${max}`}`,
      ExitCode.Usage,
    );
  return number;
}
