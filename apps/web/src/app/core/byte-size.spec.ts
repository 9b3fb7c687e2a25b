import { formatBytes, formatSpeed } from './byte-size';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1536, '1.5 kB'],
    [2048, '2.0 kB'],
    [150_000, '150 kB'],
    [999_999, '1.0 MB'],
    [1_500_000, '1.5 MB'],
    [2_500_000, '2.5 MB'],
    [734_003_200, '734 MB'],
    [5_000_000_000, '5.0 GB'],
    [5_497_558_138_880, '5.5 TB'],
  ])('writes %d bytes as %s (decimal units)', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('writes a size it cannot measure as nothing rather than NaN', () => {
    expect(formatBytes(Number.NaN)).toBe('0 B');
    expect(formatBytes(-5)).toBe('0 B');
  });

  it('writes a speed per second in the same units', () => {
    expect(formatSpeed(2_000_000)).toBe('2.0 MB/s');
  });
});
