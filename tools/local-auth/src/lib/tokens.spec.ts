import { decodeJwt, decodeProtectedHeader } from 'jose';
import {
  CLIENT_ID,
  ISSUER,
  InvalidTokenError,
  randomToken,
  TokenSigner,
  tokenHash,
} from './tokens';

const subject = {
  user_id: 'b7a8c1f2-0000-4000-8000-000000000001',
  email: 'ada@example.com',
  name: 'Ada',
  phone_number: null,
};
const now = 1_700_000_000_000;

describe('TokenSigner', () => {
  let signer: TokenSigner;
  let jwk: Awaited<ReturnType<typeof TokenSigner.generate>>['jwk'];

  beforeAll(async () => {
    ({ signer, jwk } = await TokenSigner.generate(3600));
  });

  it('issues an RS256 ID token with the contract claims', async () => {
    const { id_token, expires_in } = await signer.issue(subject, 'session-1', now - 5000, now);
    expect(expires_in).toBe(3600);
    expect(decodeProtectedHeader(id_token)).toMatchObject({
      alg: 'RS256',
      typ: 'JWT',
      kid: expect.any(String),
    });
    const claims = decodeJwt(id_token);
    expect(claims).toEqual({
      sub: subject.user_id,
      email: subject.email,
      name: 'Ada',
      phone_number: null,
      token_use: 'id',
      origin_jti: 'session-1',
      auth_time: (now - 5000) / 1000,
      iss: ISSUER,
      aud: CLIENT_ID,
      iat: now / 1000,
      exp: now / 1000 + 3600,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it('issues an access token that verifies only as an access token', async () => {
    const { id_token, access_token } = await signer.issue(subject, 'session-1', now, now);
    expect(decodeJwt(access_token)).toMatchObject({
      token_use: 'access',
      client_id: CLIENT_ID,
      username: subject.email,
    });
    await expect(signer.verify(access_token, 'access', now)).resolves.toMatchObject({
      sub: subject.user_id,
    });
    await expect(signer.verify(access_token, 'id', now)).rejects.toThrow('Not an ID token');
    await expect(signer.verify(id_token, 'access', now)).rejects.toThrow('Not an access token');
  });

  it('gives every token its own jti', async () => {
    const a = await signer.issue(subject, 's', now, now);
    const b = await signer.issue(subject, 's', now, now);
    expect(decodeJwt(a.id_token).jti).not.toBe(decodeJwt(b.id_token).jti);
  });

  it('refuses an expired token and accepts it until then', async () => {
    const { id_token } = await signer.issue(subject, 's', now, now);
    await expect(signer.verify(id_token, 'id', now + 3_599_000)).resolves.toMatchObject({
      origin_jti: 's',
    });
    await expect(signer.verify(id_token, 'id', now + 3_600_000)).rejects.toThrow(
      'Token has expired',
    );
  });

  it('refuses a tampered token', async () => {
    const { id_token } = await signer.issue(subject, 's', now, now);
    const [header, payload, signature] = id_token.split('.') as [string, string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...decodeJwt(id_token), sub: 'someone-else' }),
    ).toString('base64url');
    await expect(
      signer.verify(`${header}.${forged}.${signature}`, 'id', now),
    ).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(
      signer.verify(`${header}.${payload}.${signature.slice(0, -4)}AAAA`, 'id', now),
    ).rejects.toThrow('Invalid token');
    await expect(signer.verify('garbage', 'id', now)).rejects.toThrow('Invalid token');
  });

  it('verifies with a signer rebuilt from the persisted key, not with another key', async () => {
    const { id_token } = await signer.issue(subject, 's', now, now);
    const restored = await TokenSigner.fromJwk(JSON.parse(JSON.stringify(jwk)), 3600);
    await expect(restored.verify(id_token, 'id', now)).resolves.toMatchObject({
      sub: subject.user_id,
    });
    const { signer: other } = await TokenSigner.generate(3600);
    await expect(other.verify(id_token, 'id', now)).rejects.toThrow('Invalid token');
  });

  it('honours the configured lifetime', async () => {
    const { signer: short } = await TokenSigner.generate(60);
    const { id_token, expires_in } = await short.issue(subject, 's', now, now);
    expect(expires_in).toBe(60);
    expect(decodeJwt(id_token).exp).toBe(now / 1000 + 60);
  });
});

describe('opaque tokens', () => {
  it('are random, URL-safe and stored only as a hash', () => {
    const token = randomToken();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(randomToken()).not.toBe(token);
    expect(tokenHash(token)).toBe(tokenHash(token));
    expect(tokenHash(token)).not.toContain(token);
  });
});
