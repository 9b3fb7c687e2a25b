import { formatWhen, relativeToNow, waitInWords } from './formatting';

describe('waitInWords', () => {
  it.each([
    [undefined, 'a little while'],
    [0, 'a little while'],
    [1, '1 second'],
    [45, '45 seconds'],
    [300, '5 minutes'],
    [3600, '60 minutes'],
    [7200, '2 hours'],
    [7 * 86400, '7 days'],
  ])('%p seconds reads %s', (seconds, words) => {
    expect(waitInWords(seconds)).toBe(words);
  });
});

describe('relativeToNow', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');

  it('says how far ahead or behind a moment is', () => {
    expect(relativeToNow('2030-01-01T03:00:00Z', now)).toBe('in 3 hours');
    expect(relativeToNow('2029-12-30T00:00:00Z', now)).toBe('2 days ago');
    expect(relativeToNow('2030-01-01T00:00:20Z', now)).toBe('in under a minute');
  });
});

describe('formatWhen', () => {
  it('shows a dash for no moment, and what the API sent when it is not a date', () => {
    expect(formatWhen(undefined)).toBe('—');
    expect(formatWhen('not a date')).toBe('not a date');
    expect(formatWhen('2030-01-01T12:00:00Z')).toMatch(/2030/);
  });
});
