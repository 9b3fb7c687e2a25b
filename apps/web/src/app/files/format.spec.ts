import { formatDuration, formatPercent } from './format';

describe('format', () => {
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
