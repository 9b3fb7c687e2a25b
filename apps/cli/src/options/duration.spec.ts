import { ExitCode } from '../output/cli-error';
import { formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['90s', 90],
    ['30m', 1800],
    ['1h', 3600],
    ['7d', 604_800],
    ['30d', 2_592_000],
    ['2w', 1_209_600],
    [' 12H ', 43_200],
  ])('%s → %i seconds', (text, seconds) => {
    expect(parseDuration('--expires', text)).toBe(seconds);
  });

  it.each(['', '0h', '1', 'h', '1.5h', '-1d', '1y', 'soon', '1h30m'])(
    'refuses %j as a usage error naming the flag',
    (text) => {
      expect(() => parseDuration('--expires', text)).toThrow(
        expect.objectContaining({
          exitCode: ExitCode.Usage,
          message: expect.stringContaining('--expires must be a duration like 30m, 1h, 7d'),
        }),
      );
    },
  );
});

describe('formatDuration', () => {
  it('says how long to wait in at most two units', () => {
    expect([0, 45, 90, 900, 7200, 90_000, 90_061].map(formatDuration)).toEqual([
      '0s',
      '45s',
      '1m30s',
      '15m',
      '2h',
      '1d1h',
      '1d1h',
    ]);
  });
});
