import { safeFileName } from './safe-file-name';

describe('safeFileName', () => {
  it.each(['report.pdf', 'report final (2).pdf', '.notes', 'Ünïcödé – ok.txt'])(
    'keeps %j as it is',
    (name) => {
      expect(safeFileName(name)).toBe(name);
    },
  );

  it.each([
    '',
    '.',
    '..',
    '../x',
    '/etc/passwd',
    'a/b',
    'a\\b',
    '..\\x',
    'a\u0000b',
    'bell\u0007',
    'esc\u001b[2J',
  ])('refuses %j, pointing at -o', (name) => {
    expect(() => safeFileName(name)).toThrow(/cannot be used as a file name here: pass -o/);
  });
});
