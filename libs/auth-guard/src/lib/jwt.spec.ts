import { jwtExpiry } from './jwt';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(payload)}.c2ln`;

describe('jwtExpiry', () => {
  it('reads a numeric exp from the base64url JSON payload without verifying the signature', () => {
    expect(jwtExpiry(jwt({ sub: 'u1', exp: 1_900_000_000 }))).toBe(1_900_000_000);
  });

  it('decodes payloads that need base64url characters (- and _)', () => {
    // "~~~" and "???" encode to base64url with "-" / "_" where plain base64 has "+" / "/".
    const token = jwt({ pad: '~~~???>>>', exp: 42 });
    expect(token.split('.')[1]).toMatch(/[-_]/);
    expect(jwtExpiry(token)).toBe(42);
  });

  it('returns undefined for opaque tokens and wrong segment counts', () => {
    expect(jwtExpiry('opaque-token')).toBeUndefined();
    expect(jwtExpiry('a.b')).toBeUndefined();
    expect(jwtExpiry(`${jwt({ exp: 1 })}.extra`)).toBeUndefined();
  });

  it('returns undefined when the payload is not JSON or not an object', () => {
    expect(jwtExpiry(`x.${Buffer.from('not json').toString('base64url')}.y`)).toBeUndefined();
    expect(jwtExpiry(`x.${b64(17)}.y`)).toBeUndefined();
    expect(jwtExpiry(`x.${b64(null)}.y`)).toBeUndefined();
    expect(jwtExpiry('x.!!!.y')).toBeUndefined();
  });

  it('returns undefined when exp is missing or not a finite number', () => {
    expect(jwtExpiry(jwt({ sub: 'u1' }))).toBeUndefined();
    expect(jwtExpiry(jwt({ exp: '1900000000' }))).toBeUndefined();
    expect(jwtExpiry(jwt({ exp: null }))).toBeUndefined();
  });
});
