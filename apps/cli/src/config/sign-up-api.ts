import { authPost } from './auth-client';

export interface NewUser {
  email: string;
  full_name: string;
  /** E.164, e.g. +15555550100. */
  mobile_phone_number: string;
}

/** The auth service's sign-up routes (auth-contract.md), as a typed seam for tests. */
export interface SignUpApi {
  /** Creates the user; the auth service e-mails a temporary password. */
  signUp(user: NewUser): Promise<{ user_id: string }>;
  /** Replaces the temporary password; answers the TOTP secret (base32) to enrol. */
  confirm(
    userId: string,
    body: { email: string; temporary_password: string; new_password: string },
  ): Promise<{ qr_code_secret: string }>;
  /** Proves the authenticator app holds the secret. */
  confirmMfa(userId: string, body: { email: string; otp: string }): Promise<void>;
}

export function httpSignUpApi(baseUrl: string, fetchImpl: typeof fetch = fetch): SignUpApi {
  const post = authPost(baseUrl, fetchImpl);
  const user = (userId: string, step: string) => `/v1/users/${encodeURIComponent(userId)}/${step}`;
  return {
    signUp: (body) => post('/v1/users', body),
    confirm: (userId, body) => post(user(userId, 'confirm'), body),
    async confirmMfa(userId, body) {
      await post(user(userId, 'confirm-mfa'), body);
    },
  };
}
