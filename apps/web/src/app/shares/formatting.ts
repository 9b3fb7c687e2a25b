// Wording shared by the share pages: moments and waits as a person reads them (sizes: core/byte-size).

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** A wait such as a Retry-After: "45 seconds", "3 minutes", "2 hours"; unknown is "a little while". */
export function waitInWords(seconds: number | undefined): string {
  if (seconds === undefined || !(seconds > 0)) return 'a little while';
  if (seconds < 90) return plural(Math.ceil(seconds), 'second');
  if (seconds < 90 * 60) return plural(Math.ceil(seconds / 60), 'minute');
  if (seconds < 36 * 3600) return plural(Math.round(seconds / 3600), 'hour');
  return plural(Math.round(seconds / 86400), 'day');
}

/** How far a moment is from now: "in 3 hours", "2 days ago". */
export function relativeToNow(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Number.isNaN(seconds)) return '';
  if (Math.abs(seconds) < 60) return seconds >= 0 ? 'in under a minute' : 'just now';
  const words = waitInWords(Math.abs(seconds));
  return seconds > 0 ? `in ${words}` : `${words} ago`;
}

/** A timestamp in the reader's own locale and time zone; what the API sent if it is not a date. */
export function formatWhen(iso: string | undefined): string {
  if (iso === undefined) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
