import { ExitCode } from '../output/cli-error';
import { parsePositiveInteger } from './whole-number';

describe('parsePositiveInteger', () => {
  it('reads whole numbers from 1 up', () => {
    expect(parsePositiveInteger('--max-downloads', '3')).toBe(3);
    expect(parsePositiveInteger('--max-downloads', '100000', 100_000)).toBe(100_000);
  });

  it.each(['0', '-1', '1.5', '1e3', 'many', '', '100001'])('refuses %j', (text) => {
    expect(() => parsePositiveInteger('--max-downloads', text, 100_000)).toThrow(
      expect.objectContaining({
        exitCode: ExitCode.Usage,
        message: expect.stringContaining('--max-downloads must be a whole number'),
      }),
    );
  });
});
