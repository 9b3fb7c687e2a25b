export interface BannerLine {
  label: string;
  url: string;
  note?: string;
}

/** The block of URLs printed once everything is up. */
export function formatBanner(
  title: string,
  lines: readonly BannerLine[],
  footer: readonly string[] = [],
): string {
  const width = Math.max(...lines.map((line) => line.label.length));
  const rows = lines.map(
    ({ label, url, note }) => `  ${label.padEnd(width)}  ${url}${note ? `  (${note})` : ''}`,
  );
  const rule = '-'.repeat(Math.max(title.length, ...rows.map((row) => row.length)));
  return [rule, title, rule, ...rows, ...(footer.length ? ['', ...footer] : []), rule].join('\n');
}
