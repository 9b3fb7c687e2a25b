import { InjectionToken } from '@angular/core';
import { BUILD_SETTINGS } from '../core/build-settings';

/**
 * An answer of the auth service other than success. `status` 0 means the service was not
 * reached; `field` is the request field the message is about (as the service spells it), when
 * the answer names one.
 */
export class AuthError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/** Login with the temporary password of an account whose sign-up was never finished. */
export class UnconfirmedUserError extends AuthError {
  constructor(readonly userId: string) {
    super(400, 'This account is not set up yet: finish with the temporary password we e-mailed.');
    this.name = 'UnconfirmedUserError';
  }
}

// local-auth (like CognitoApi) answers a FORCE_CHANGE_PASSWORD user with the route to confirm at.
const UNCONFIRMED = /^Confirm the account first: POST \/v1\/users\/([^/\s]+)\/confirm/;

export interface AuthTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** Seconds the ID token is valid for. */
  expiresIn: number;
}

/** The second step of a sign-in: the password was right, now a TOTP code is needed. */
export interface MfaChallenge {
  email: string;
  verificationType: 'SOFTWARE_TOKEN_MFA';
  verificationSession: string;
}

export type LoginResult =
  { kind: 'mfa'; challenge: MfaChallenge } | { kind: 'tokens'; email: string; tokens: AuthTokens };

export interface NewUser {
  fullName: string;
  email: string;
  /** E.164, e.g. +15555550100. */
  mobilePhoneNumber: string;
}

export interface Enrolment {
  email: string;
  userId: string;
  /** The TOTP secret in base32, as an authenticator app accepts it when typed in. */
  totpSecret: string;
}

export interface UserInfo {
  userId: string;
  email: string;
  name: string | null;
}

/** The part of a fetch Response the client reads. */
export interface FetchAnswer {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

export type FetchFn = (input: string, init: RequestInit) => Promise<FetchAnswer>;

interface WireTokens {
  id_token: string;
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

// The service's `error_message`s name no field; these say which request field each one is about,
// so the portal can show it next to that field (first candidate the request has wins).
const MESSAGE_FIELDS: [RegExp, string[]][] = [
  [/^Password does not conform to policy/i, ['new_password', 'password']],
  [/email already exists|Username\/client id combination not found/i, ['email']],
  [/^Temporary password|^Incorrect username or password/i, ['temporary_password']],
  [/^Invalid code received/i, ['otp', 'otp_code']],
  [/^Invalid verification code/i, ['verification_code']],
];

const UNREACHABLE = 'Could not reach the sign-in service. Check your connection and try again.';

/** The auth microservice's routes (auth-contract.md), typed, over fetch. */
export class AuthClient {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchFn: FetchFn,
  ) {}

  /** Creates the user; the service e-mails a temporary password. Answers the new user's id. */
  async signUp(user: NewUser): Promise<{ email: string; userId: string }> {
    const body = await this.post<{ email: string; user_id: string }>('/v1/users', {
      full_name: user.fullName,
      email: user.email,
      mobile_phone_number: user.mobilePhoneNumber,
    });
    return { email: body.email, userId: body.user_id };
  }

  /** Replaces the temporary password and starts TOTP enrolment. */
  async confirm(
    userId: string,
    email: string,
    temporaryPassword: string,
    newPassword: string,
  ): Promise<Enrolment> {
    const body = await this.post<{ email: string; user_id: string; qr_code_secret: string }>(
      `/v1/users/${encodeURIComponent(userId)}/confirm`,
      { email, temporary_password: temporaryPassword, new_password: newPassword },
    );
    return { email: body.email, userId: body.user_id, totpSecret: body.qr_code_secret };
  }

  /** Proves the authenticator app holds the secret, which turns MFA on. */
  async confirmMfa(userId: string, email: string, otp: string): Promise<void> {
    await this.post(`/v1/users/${encodeURIComponent(userId)}/confirm-mfa`, { email, otp });
  }

  async login(email: string, password: string): Promise<LoginResult> {
    const body = await this.post<
      | { email: string; verification_session: string; verification_type: 'SOFTWARE_TOKEN_MFA' }
      | (WireTokens & { email: string })
    >('/v1/login', { email, password }).catch((error: unknown) => {
      const unconfirmed = error instanceof AuthError ? UNCONFIRMED.exec(error.message) : null;
      throw unconfirmed?.[1] ? new UnconfirmedUserError(decodeURIComponent(unconfirmed[1])) : error;
    });
    if ('verification_session' in body) {
      return {
        kind: 'mfa',
        challenge: {
          email: body.email,
          verificationType: body.verification_type,
          verificationSession: body.verification_session,
        },
      };
    }
    return { kind: 'tokens', email: body.email, tokens: tokensOf(body) };
  }

  async verifyMfa(challenge: MfaChallenge, otpCode: string): Promise<AuthTokens> {
    const body = await this.post<WireTokens>('/v1/mfa-verify', {
      email: challenge.email,
      verification_type: challenge.verificationType,
      verification_session: challenge.verificationSession,
      otp_code: otpCode,
    });
    return tokensOf(body);
  }

  /** New tokens for the same sign-in; the refresh token is rotated, so keep the returned one. */
  async refresh(email: string, refreshToken: string): Promise<AuthTokens> {
    const body = await this.post<WireTokens>('/v1/refresh-token', {
      email,
      refresh_token: refreshToken,
    });
    return tokensOf(body);
  }

  async userInfo(idToken: string): Promise<UserInfo> {
    const body = await this.send<{ user_id: string; email: string; name: string | null }>(
      '/v1/userinfo',
      { method: 'GET', headers: { Authorization: `Bearer ${idToken}` } },
    );
    return { userId: body.user_id, email: body.email, name: body.name };
  }

  /** Ends every sign-in session of the user at the service. */
  async logout(email: string, accessToken: string): Promise<void> {
    await this.post('/v1/logout', { email, access_token: accessToken });
  }

  /** E-mails a reset code; answers the user's id, which the reset itself needs. */
  async forgotPassword(email: string): Promise<{ email: string; userId: string }> {
    const body = await this.post<{ email: string; user_id: string }>('/v1/forgot-password', {
      email,
    });
    return { email: body.email, userId: body.user_id };
  }

  async confirmPassword(
    userId: string,
    email: string,
    verificationCode: string,
    newPassword: string,
  ): Promise<void> {
    await this.post(`/v1/users/${encodeURIComponent(userId)}/confirm-password`, {
      email,
      new_password: newPassword,
      verification_code: verificationCode,
    });
  }

  private post<T = unknown>(path: string, body: Record<string, string>): Promise<T> {
    return this.send<T>(
      path,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      },
      Object.keys(body),
    );
  }

  private async send<T>(path: string, init: RequestInit, fields: string[] = []): Promise<T> {
    let response: FetchAnswer;
    try {
      response = await this.fetchFn(`${this.baseUrl}${path}`, init);
    } catch {
      throw new AuthError(0, UNREACHABLE);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw errorOf(response.status, body, fields);
    return body as T;
  }
}

function tokensOf(body: WireTokens): AuthTokens {
  return {
    idToken: body.id_token,
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    expiresIn: body.expires_in,
  };
}

/**
 * Schema failures come as `{message: "field: problem; other: problem"}` (the first named field
 * is kept), everything else as `{error_message}`, whose field is recognised by its wording.
 */
function errorOf(status: number, body: unknown, fields: string[]): AuthError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const errorMessage = record['error_message'];
  if (typeof errorMessage === 'string') {
    const candidates = MESSAGE_FIELDS.find(([pattern]) => pattern.test(errorMessage))?.[1] ?? [];
    return new AuthError(
      status,
      errorMessage,
      candidates.find((field) => fields.includes(field)),
    );
  }
  const message = record['message'];
  if (typeof message === 'string') {
    const first = message.split('; ')[0] ?? message;
    const named = /^([a-z_]+): (.+)$/.exec(first);
    if (named?.[1] && named[2] && fields.includes(named[1])) {
      return new AuthError(status, sentence(named[2]), named[1]);
    }
    return new AuthError(status, message);
  }
  if (status >= 500) return new AuthError(status, 'The sign-in service is unavailable; try again.');
  return new AuthError(status, `The sign-in service answered ${status}.`);
}

const sentence = (text: string): string =>
  `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/** The portal's one AuthClient, at the build's auth service URL. */
export const AUTH_CLIENT = new InjectionToken<AuthClient>('AuthClient', {
  providedIn: 'root',
  factory: () => new AuthClient(BUILD_SETTINGS.authUrl, (input, init) => fetch(input, init)),
});
