import { CliError, ExitCode } from '../output/cli-error';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 } as const;
type Unit = keyof typeof UNIT_SECONDS;

/** `30m`, `1h`, `7d`, `2w` (or `90s`) as whole seconds; anything else is a usage error. */
export function parseDuration(flag: string, value: string): number {
  const match = /^(\d+)\s*([smhdw])$/.exec(value.trim().toLowerCase());
  const amount = Number(match?.[1]);
  if (!match || !(amount > 0))
    throw new CliError(
      `${flag} must be a duration like 30m, 1h, 7d or 30d (got ${JSON.stringify(value)})`,
      ExitCode.Usage,
    );
  return amount * UNIT_SECONDS[match[2] as Unit];
}

/** 90 → "1m30s", 7200 → "2h", 90000 → "1d1h": how long to wait, for people. */
export function formatDuration(totalSeconds: number): string {
  let rest = Math.max(0, Math.ceil(totalSeconds));
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest}s`);
  return parts.slice(0, 2).join('');
}
