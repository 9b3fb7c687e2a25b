import { partLength, partRange } from './part-plan';

describe('partRange', () => {
  it('covers the file exactly, the last part holding the remainder', () => {
    expect([1, 2, 3].map((n) => partRange(n, 5, 11))).toEqual([
      { start: 0, end: 5 },
      { start: 5, end: 10 },
      { start: 10, end: 11 },
    ]);
    expect(partLength(3, 5, 11)).toBe(1);
    expect(partLength(2, 5, 10)).toBe(5);
  });
});
