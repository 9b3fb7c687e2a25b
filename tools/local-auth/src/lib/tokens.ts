import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWTPayload,
  jwtVerify,
  type KeyLike,
  SignJWT,
} from 'jose';
import type { SigningKey } from './users-store';

// Fixed rather than the URL: the port changes between runs and tokens must survive a restart.
export const ISSUER = 'urn:enclave:local-auth';
export const CLIENT_ID = 'enclave-local';
const ALGORITHM = 'RS256';

export type TokenUse = 'id' | 'access';

export interface TokenSubject {
  user_id: string;
  email: string;
  name: string | null;
  phone_number: string | null;
}

export interface IssuedTokens {
  id_token: string;
  access_token: string;
  expires_in: number;
}

export interface VerifiedToken extends JWTPayload {
  sub: string;
  token_use: TokenUse;
  origin_jti: string;
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** Signs and verifies the ID and access tokens with one RSA key, as a Cognito user pool does. */
export class TokenSigner {
  private constructor(
    private readonly privateKey: KeyLike,
    private readonly publicKey: KeyLike,
    private readonly kid: string,
    private readonly ttlSeconds: number,
  ) {}

  /** A new signing key, and its private JWK for the caller to persist. */
  static async generate(ttlSeconds: number): Promise<{ signer: TokenSigner; jwk: SigningKey }> {
    const { privateKey } = await generateKeyPair(ALGORITHM, {
      extractable: true,
      modulusLength: 2048,
    });
    const { kty, n, e, d, p, q, dp, dq, qi } = await exportJWK(privateKey);
    if (kty !== 'RSA' || !n || !e || !d || !p || !q || !dp || !dq || !qi)
      throw new Error('jose exported an incomplete RSA key');
    const jwk: SigningKey = { kty, n, e, d, p, q, dp, dq, qi };
    return { signer: await TokenSigner.fromJwk(jwk, ttlSeconds), jwk };
  }

  static async fromJwk(jwk: SigningKey, ttlSeconds: number): Promise<TokenSigner> {
    const privateKey = (await importJWK({ ...jwk, alg: ALGORITHM }, ALGORITHM)) as KeyLike;
    const { n, e, kty } = jwk;
    const publicKey = (await importJWK({ n, e, kty, alg: ALGORITHM }, ALGORITHM)) as KeyLike;
    const kid = await calculateJwkThumbprint({ n, e, kty });
    return new TokenSigner(privateKey, publicKey, kid, ttlSeconds);
  }

  async issue(
    subject: TokenSubject,
    sessionId: string,
    authTime: number,
    nowMs: number,
  ): Promise<IssuedTokens> {
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + this.ttlSeconds;
    const common = { origin_jti: sessionId, auth_time: Math.floor(authTime / 1000) };
    const id_token = await this.sign(
      {
        ...common,
        token_use: 'id',
        email: subject.email,
        name: subject.name,
        phone_number: subject.phone_number,
      },
      subject.user_id,
      CLIENT_ID,
      iat,
      exp,
    );
    const access_token = await this.sign(
      {
        ...common,
        token_use: 'access',
        client_id: CLIENT_ID,
        username: subject.email,
        scope: 'aws.cognito.signin.user.admin',
      },
      subject.user_id,
      undefined,
      iat,
      exp,
    );
    return { id_token, access_token, expires_in: this.ttlSeconds };
  }

  /** Checks signature, issuer, expiry and `token_use`; revocation is the caller's business. */
  async verify(token: string, use: TokenUse, nowMs: number): Promise<VerifiedToken> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.publicKey, {
        issuer: ISSUER,
        algorithms: [ALGORITHM],
        currentDate: new Date(nowMs),
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      }));
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new InvalidTokenError(
        code === 'ERR_JWT_EXPIRED' ? 'Token has expired' : 'Invalid token',
      );
    }
    if (payload['token_use'] !== use)
      throw new InvalidTokenError(`Not an ${use === 'id' ? 'ID' : 'access'} token`);
    if (typeof payload['origin_jti'] !== 'string' || typeof payload.sub !== 'string') {
      throw new InvalidTokenError('Invalid token');
    }
    return payload as VerifiedToken;
  }

  private sign(
    claims: JWTPayload,
    subject: string,
    audience: string | undefined,
    iat: number,
    exp: number,
  ): Promise<string> {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, kid: this.kid, typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(randomUUID());
    if (audience) jwt.setAudience(audience);
    return jwt.sign(this.privateKey);
  }
}

/** An opaque, unguessable token (refresh token, MFA session, QR id). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Opaque tokens are stored only as SHA-256: they carry 256 random bits, so a fast hash is enough
 * and a leaked data file yields nothing usable.
 */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
