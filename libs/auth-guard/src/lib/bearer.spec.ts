import { readBearerToken } from './bearer';

describe('readBearerToken', () => {
  it('returns the token of a well-formed Bearer header, scheme case-insensitive', () => {
    expect(readBearerToken('Bearer abc.DEF-_~+/=')).toBe('abc.DEF-_~+/=');
    expect(readBearerToken('bearer abc')).toBe('abc');
  });

  it('rejects a missing header, other schemes and an empty token', () => {
    expect(readBearerToken(undefined)).toBeUndefined();
    expect(readBearerToken('')).toBeUndefined();
    expect(readBearerToken('Basic x')).toBeUndefined();
    expect(readBearerToken('Bearer')).toBeUndefined();
    expect(readBearerToken('Bearer ')).toBeUndefined();
  });

  it('rejects tokens with spaces, quotes or other characters outside RFC 6750 b64token', () => {
    expect(readBearerToken('Bearer a b')).toBeUndefined();
    expect(readBearerToken('Bearer "abc"')).toBeUndefined();
    expect(readBearerToken('Bearer a=b')).toBeUndefined();
    expect(readBearerToken('Bearer abc\u00e9')).toBeUndefined();
  });
});
