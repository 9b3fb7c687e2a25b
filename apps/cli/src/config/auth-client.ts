import { CliError, ExitCode } from '../output/cli-error';

/** Tokens as the auth service answers them. */
export interface AuthTokens {
  id_token: string;
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

export type LoginAnswer =
  | { kind: 'tokens'; tokens: AuthTokens }
  | { kind: 'mfa'; verification_session: string; verification_type: string };

/** The auth service routes the CLI uses (auth-contract.md), as a typed seam for tests. */
export interface AuthApi {
  login(email: string, password: string): Promise<LoginAnswer>;
  verifyMfa(
    email: string,
    challenge: { verification_session: string; verification_type: string },
    otp: string,
  ): Promise<AuthTokens>;
  refresh(email: string, refreshToken: string): Promise<AuthTokens>;
  logout(email: string, accessToken: string): Promise<void>;
}

/** POSTs JSON to one of the auth service's routes; a refusal becomes a CliError naming it. */
export type AuthPost = <T>(route: string, body: object) => Promise<T>;

export function authPost(baseUrl: string, fetchImpl: typeof fetch = fetch): AuthPost {
  return async <T>(route: string, body: object): Promise<T> => {
    let response: Response;
    try {
      response = await fetchImpl(new URL(route, baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new CliError(`cannot reach the auth service at ${baseUrl}`, ExitCode.Failure, {
        cause: error,
      });
    }
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const message = json['error_message'] ?? json['message'] ?? `status ${response.status}`;
      const code =
        response.status === 400 || response.status === 401 ? ExitCode.Auth : ExitCode.Failure;
      throw new CliError(`auth service: ${String(message)}`, code);
    }
    return json as T;
  };
}

export function httpAuthApi(baseUrl: string, fetchImpl: typeof fetch = fetch): AuthApi {
  const post = authPost(baseUrl, fetchImpl);
  return {
    async login(email, password) {
      const answer = await post<Partial<AuthTokens> & Record<string, string>>('/v1/login', {
        email,
        password,
      });
      if (answer.id_token) return { kind: 'tokens', tokens: answer as AuthTokens };
      return {
        kind: 'mfa',
        verification_session: String(answer['verification_session']),
        verification_type: String(answer['verification_type']),
      };
    },
    verifyMfa: (email, challenge, otp) =>
      // The auth service refuses unknown fields: send exactly these.
      post<AuthTokens>('/v1/mfa-verify', {
        email,
        verification_type: challenge.verification_type,
        verification_session: challenge.verification_session,
        otp_code: otp,
      }),
    refresh: (email, refreshToken) =>
      post<AuthTokens>('/v1/refresh-token', { email, refresh_token: refreshToken }),
    async logout(email, accessToken) {
      await post('/v1/logout', { email, access_token: accessToken });
    },
  };
}
