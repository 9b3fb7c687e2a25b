import { printable } from './printable';

describe('printable', () => {
  it('keeps text, tabs and line breaks, and replaces control characters', () => {
    expect(printable('Hi Ada,\n\tthe report. ✓')).toBe('Hi Ada,\n\tthe report. ✓');
    expect(printable('a\u001b[2Jb\u0007c\u009bd\re')).toBe('a?[2Jb?c?d?e');
  });
});
