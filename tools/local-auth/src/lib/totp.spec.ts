import { Secret, TOTP } from 'otpauth';
import { generateTotpSecret, matchTotp, totpUri } from './totp';

const codeAt = (secret: string, timestamp: number): string =>
  new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  }).generate({ timestamp });

describe('TOTP', () => {
  // A step boundary plus 10 s, so ±30 s lands squarely in the neighbouring steps.
  const now = 1_700_000_010_000;
  const step = Math.floor(now / 30_000);

  it('generates 160-bit base32 secrets', () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(secret);
  });

  it('builds the otpauth URI authenticator apps scan', () => {
    const uri = new URL(totpUri('JBSWY3DPEHPK3PXP', 'ada@example.com'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Enclave:ada@example.com');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      issuer: 'Enclave',
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });

  it('matches the RFC 6238 SHA-1 test vector', () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s → 94287082 (8 digits; 6 → 287082).
    const secret = new Secret({ buffer: new TextEncoder().encode('12345678901234567890').buffer })
      .base32;
    expect(matchTotp(secret, 'x@example.com', '287082', 59_000)).toBe(1);
  });

  it('accepts the current code and one step of drift either way, reporting the step', () => {
    const secret = generateTotpSecret();
    expect(matchTotp(secret, 'a@example.com', codeAt(secret, now), now)).toBe(step);
    expect(matchTotp(secret, 'a@example.com', codeAt(secret, now - 30_000), now)).toBe(step - 1);
    expect(matchTotp(secret, 'a@example.com', codeAt(secret, now + 30_000), now)).toBe(step + 1);
  });

  it('rejects codes two steps away and any other code', () => {
    const secret = generateTotpSecret();
    expect(matchTotp(secret, 'a@example.com', codeAt(secret, now - 60_000), now)).toBeUndefined();
    expect(matchTotp(secret, 'a@example.com', codeAt(secret, now + 60_000), now)).toBeUndefined();
    const valid = new Set([-1, 0, 1].map((delta) => codeAt(secret, now + delta * 30_000)));
    const wrong = ['000000', '111111', '222222', '333333'].find((code) => !valid.has(code)) ?? '';
    expect(matchTotp(secret, 'a@example.com', wrong, now)).toBeUndefined();
    expect(matchTotp(secret, 'a@example.com', 'abcdef', now)).toBeUndefined();
  });
});
