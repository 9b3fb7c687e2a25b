import { formatBytes, formatDuration, formatPercent, formatSpeed } from './format';

describe('format', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KB'],
    [1536, '1.5 KB'],
    [150 * 1024, '150 KB'],
    [5 * 1024 ** 3, '5.0 GB'],
  ])('formats %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('formats a speed per second', () => {
    expect(formatSpeed(2 * 1024 * 1024)).toBe('2.0 MB/s');
  });

  it.each([
    [0.2, '1 s'],
    [59, '59 s'],
    [200, '3 min 20 s'],
    [7500, '2 h 5 min'],
  ])('formats %d seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('rounds a percentage down so 100 means finished, and counts an empty file as complete', () => {
    expect(formatPercent(999, 1000)).toBe(99);
    expect(formatPercent(1000, 1000)).toBe(100);
    expect(formatPercent(0, 0)).toBe(100);
  });
});
