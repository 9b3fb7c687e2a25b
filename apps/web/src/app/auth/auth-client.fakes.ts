import type { AuthClient, AuthTokens, LoginResult, MfaChallenge, UserInfo } from './auth-client';

type Client = Pick<AuthClient, keyof AuthClient>;

export const FAKE_TOKENS: AuthTokens = {
  idToken: 'id-1',
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  expiresIn: 3600,
};

export const FAKE_CHALLENGE: MfaChallenge = {
  email: 'ada@example.com',
  verificationType: 'SOFTWARE_TOKEN_MFA',
  verificationSession: 'session-1',
};

/**
 * An AuthClient that records every call by name and answers what a test set in `answers`;
 * an answer that is an Error is thrown instead.
 */
export class FakeAuthClient implements Client {
  readonly calls: { method: keyof Client; args: unknown[] }[] = [];
  answers: { [M in keyof Client]?: Awaited<ReturnType<Client[M]>> | Error } = {
    login: { kind: 'mfa', challenge: FAKE_CHALLENGE },
    verifyMfa: FAKE_TOKENS,
    refresh: { ...FAKE_TOKENS, idToken: 'id-2', refreshToken: 'refresh-2' },
    userInfo: { userId: 'u-1', email: 'ada@example.com', name: 'Ada' },
    signUp: { email: 'ada@example.com', userId: 'u-1' },
    confirm: { email: 'ada@example.com', userId: 'u-1', totpSecret: 'JBSWY3DPEHPK3PXP' },
    forgotPassword: { email: 'ada@example.com', userId: 'u-1' },
  };

  called(method: keyof Client): unknown[][] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }

  signUp = (...args: Parameters<Client['signUp']>) => this.answer('signUp', args);
  confirm = (...args: Parameters<Client['confirm']>) => this.answer('confirm', args);
  confirmMfa = (...args: Parameters<Client['confirmMfa']>) => this.answer('confirmMfa', args);
  login = (...args: Parameters<Client['login']>): Promise<LoginResult> =>
    this.answer('login', args);
  verifyMfa = (...args: Parameters<Client['verifyMfa']>) => this.answer('verifyMfa', args);
  refresh = (...args: Parameters<Client['refresh']>) => this.answer('refresh', args);
  userInfo = (...args: Parameters<Client['userInfo']>): Promise<UserInfo> =>
    this.answer('userInfo', args);
  logout = (...args: Parameters<Client['logout']>) => this.answer('logout', args);
  forgotPassword = (...args: Parameters<Client['forgotPassword']>) =>
    this.answer('forgotPassword', args);
  confirmPassword = (...args: Parameters<Client['confirmPassword']>) =>
    this.answer('confirmPassword', args);

  private async answer<M extends keyof Client>(
    method: M,
    args: unknown[],
  ): Promise<Awaited<ReturnType<Client[M]>>> {
    this.calls.push({ method, args });
    const answer = this.answers[method];
    if (answer instanceof Error) throw answer;
    return answer as Awaited<ReturnType<Client[M]>>;
  }
}
