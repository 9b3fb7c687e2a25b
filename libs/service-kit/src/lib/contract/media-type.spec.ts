import { isMediaType } from './media-type';

describe('isMediaType', () => {
  it.each([
    'text/plain',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'text/plain; charset=utf-8',
    'text/plain;charset="utf-8"',
    'multipart/mixed; boundary="a b=c; d"',
    'text/plain; a="quoted \\" quote"',
  ])('accepts %j', (value) => {
    expect(isMediaType(value)).toBe(true);
  });

  it.each([
    ['non-ASCII in a quoted string', 'text/plain; charset="日"'],
    ['obs-text, which the parser alone allows', 'text/plain; charset="\u00e9"'],
    ['a CRLF', 'text/plain\r\nX-Injected: 1'],
    ['a vertical tab, which the parser alone allows', 'text/plain; a="\u000b"'],
    ['a leading space, which the parser alone trims', ' text/plain'],
    ['a trailing space', 'text/plain '],
    ['no subtype', 'text/'],
    ['no slash', 'text'],
    ['a dangling semicolon', 'text/plain;'],
    ['a parameter without a value', 'text/plain; charset'],
    ['an unterminated quoted string', 'text/plain; a="b'],
    ['a separator in a token', 'text/pl@in'],
  ])('refuses %s', (_, value) => {
    expect(isMediaType(value)).toBe(false);
  });
});
