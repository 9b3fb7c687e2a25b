import { waitForMailValue } from '@enclave/local-stack';
import { randomUUID } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { noteTestSecrets } from './test-logs';

export interface TestUser {
  user_id: string;
  email: string;
  password: string;
  idToken: string;
  totpSecret: string;
  /** The last 30-second TOTP step used for this user: the auth service accepts a code once. */
  otpStepUsed: number;
}

/** POSTs JSON to the auth service and answers its JSON; a non-2xx answer throws, naming it. */
export async function callAuth<T>(authEndpoint: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${authEndpoint}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

const STEP_MS = 30_000;

function totpCode(secret: string, at = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });
}

/**
 * A TOTP code the auth service will accept for `user` now: never a step already used, and at
 * most one step ahead of the clock (the accepted drift), waiting for the clock when needed.
 */
export async function nextTotpCode(user: TestUser): Promise<string> {
  const target = Math.max(Math.floor(Date.now() / STEP_MS), user.otpStepUsed + 1);
  const waitMs = (target - 1) * STEP_MS - Date.now();
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs + 50));
  user.otpStepUsed = target;
  return totpCode(user.totpSecret, target * STEP_MS);
}

/**
 * Signs a new user up the way a person would, through the auth contract: the temporary password
 * comes from the e-mail, the TOTP from the returned secret, and the ID token from an MFA login.
 */
export async function signUpUser(stack: {
  auth: { endpoint: string };
  ses: { endpoint: string };
}): Promise<TestUser> {
  const auth = stack.auth.endpoint;
  const email = `user-${randomUUID()}@example.test`;
  const password = `Pw-${randomUUID()}!a1`;
  const created = await callAuth<{ user_id: string }>(auth, '/v1/users', {
    full_name: 'Test User',
    email,
    mobile_phone_number: '+15555550100',
  });
  const temporary = await waitForMailValue(
    stack.ses.endpoint,
    email,
    /^Temporary password: (.+)$/m,
  );
  const confirmed = await callAuth<{ qr_code_secret: string }>(
    auth,
    `/v1/users/${created.user_id}/confirm`,
    {
      email,
      temporary_password: temporary.trim(),
      new_password: password,
    },
  );
  const secret = confirmed.qr_code_secret;
  await callAuth(auth, `/v1/users/${created.user_id}/confirm-mfa`, {
    email,
    otp: totpCode(secret),
  });
  const login = await callAuth<{ verification_session: string; verification_type: string }>(
    auth,
    '/v1/login',
    {
      email,
      password,
    },
  );
  // confirm-mfa does not spend its code; mfa-verify does, so every later code must be newer.
  const user: TestUser = {
    user_id: created.user_id,
    email,
    password,
    idToken: '',
    totpSecret: secret,
    otpStepUsed: -1,
  };
  const tokens = await callAuth<{ id_token: string }>(auth, '/v1/mfa-verify', {
    email,
    verification_type: login.verification_type,
    verification_session: login.verification_session,
    otp_code: await nextTotpCode(user),
  });
  user.idToken = tokens.id_token;
  noteTestSecrets({
    password,
    temporaryPassword: temporary.trim(),
    totpSecret: secret,
    idToken: user.idToken,
  });
  return user;
}
