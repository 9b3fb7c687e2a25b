import { isJwtShaped, jwtExpiry, MAX_TOKEN_LENGTH } from './jwt';

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

describe('isJwtShaped', () => {
  it('accepts a compact JWS with a JSON header naming alg and a JSON claims object', () => {
    expect(isJwtShaped(jwt({ sub: 'u1', exp: 1 }))).toBe(true);
    expect(isJwtShaped(`${b64({ alg: 'none' })}.${b64({})}.c2ln`)).toBe(true);
  });

  it.each([
    ['an opaque token', 'tok_abcdef0123456789'],
    ['two segments', `${b64({ alg: 'RS256' })}.${b64({})}`],
    ['four segments', `${jwt({})}.x`],
    ['five segments (JWE)', 'a.b.c.d.e'],
    ['an empty signature', `${b64({ alg: 'RS256' })}.${b64({})}.`],
    ['plain-base64 characters', `${b64({ alg: 'RS256' })}.${b64({})}.ab+/`],
    ['padding', `${b64({ alg: 'RS256' })}.${b64({})}.c2ln==`],
    ['a header without alg', `${b64({ typ: 'JWT' })}.${b64({})}.c2ln`],
    ['a header whose alg is not a string', `${b64({ alg: 1 })}.${b64({})}.c2ln`],
    ['a header that is not JSON', `${Buffer.from('nope').toString('base64url')}.${b64({})}.c2ln`],
    ['claims that are an array', `${b64({ alg: 'RS256' })}.${b64([1])}.c2ln`],
    ['claims that are not JSON', `${b64({ alg: 'RS256' })}.bm9wZQ.c2ln`],
    ['junk in three parts', 'aaa.bbb.ccc'],
  ])('refuses %s', (_label, token) => {
    expect(isJwtShaped(token)).toBe(false);
  });

  it(`refuses anything longer than ${MAX_TOKEN_LENGTH} characters, however well-formed`, () => {
    const padded = (length: number) => {
      const base = jwt({ pad: '' });
      return jwt({ pad: 'x'.repeat(Math.floor(((length - base.length) * 3) / 4)) });
    };
    const fits = padded(MAX_TOKEN_LENGTH - 8);
    expect(fits.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
    expect(isJwtShaped(fits)).toBe(true);
    const tooLong = padded(MAX_TOKEN_LENGTH + 8);
    expect(tooLong.length).toBeGreaterThan(MAX_TOKEN_LENGTH);
    expect(isJwtShaped(tooLong)).toBe(false);
  });
});
