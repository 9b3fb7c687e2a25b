// One way to write a size across the portal, in decimal (SI) units as the public share page and
// most operating systems do, so a file reads the same in the library, the uploads and a share.
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** 12 → "12 B", 1536 → "1.5 kB", 1_500_000 → "1.5 MB", 734_003_200 → "734 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1000) return `${Math.max(0, Math.round(bytes || 0))} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  let text = value.toFixed(value < 100 ? 1 : 0);
  // 999_999 bytes would round to "1000 kB"; a person expects the next unit instead.
  if (Number(text) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
    text = value.toFixed(1);
  }
  return `${text} ${UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}
