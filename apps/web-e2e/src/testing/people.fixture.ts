import { waitForMailValue } from '@enclave/local-stack';
import { nextTotpCode, signUpUser, type TestUser } from '@enclave/testing';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import type { LocalProduct } from '@enclave/local-stack';

// The auth stand-in's address, as the portal is built for it (AUTH_URL).
const AUTH = 'http://127.0.0.1:3100';

export interface SignUpDetails {
  fullName: string;
  email: string;
  phone: string;
}

/** Someone new: an address nobody has used yet, and a password the policy accepts. */
export function newPerson(name: string): TestUser {
  const tag = randomUUID().slice(0, 8);
  return {
    user_id: '',
    email: `${name}-${tag}@example.test`,
    password: `Correct-${tag}-horse9`,
    idToken: '',
    totpSecret: '',
    otpStepUsed: -1,
  };
}

/** The sign-up page's first step, filled in (not sent). */
export async function fillSignUpDetails(page: Page, details: SignUpDetails): Promise<void> {
  await page.getByLabel('Full name').fill(details.fullName);
  await page.getByLabel('E-mail').fill(details.email);
  await page.getByLabel('Mobile phone number').fill(details.phone);
}

/** The temporary password the auth service e-mailed to `email` on sign-up. */
export async function temporaryPasswordFor(product: LocalProduct, email: string): Promise<string> {
  const mailed = await waitForMailValue(
    product.mailbox,
    email,
    /^Temporary password: (.+)$/m,
    10_000,
  );
  return mailed.trim();
}

/** Sign-in's first step: e-mail and password, up to the request for the code. */
export async function enterPassword(page: Page, portal: string, user: TestUser): Promise<void> {
  await page.goto(`${portal}/sign-in`);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { name: 'Enter your code' }).waitFor();
}

/** Sign-in's second step: the authenticator's code, then the files page. */
export async function enterCode(page: Page, user: TestUser): Promise<void> {
  await page.getByLabel('Code').fill(await nextTotpCode(user));
  await page.getByRole('button', { name: /sign in|verify|continue/i }).click();
  await page.waitForURL(/\/files$/);
}

/** Both steps of a browser sign-in, landing on the files page. */
export async function signInThroughBrowser(
  page: Page,
  portal: string,
  user: TestUser,
): Promise<void> {
  await enterPassword(page, portal, user);
  await enterCode(page, user);
}

/**
 * A person with a finished account, made through the auth service's HTTP API (quicker than the
 * sign-up pages, for specs whose subject is something else).
 */
export function signedUpPerson(product: LocalProduct): Promise<TestUser> {
  return signUpUser({ auth: { endpoint: AUTH }, ses: { endpoint: product.mailbox } });
}

/** A six-digit code the authenticator does not show around now (the service allows ±1 step). */
export function wrongTotpCode(user: TestUser): string {
  const totp = new TOTP({ secret: Secret.fromBase32(user.totpSecret) });
  const valid = new Set(
    [-2, -1, 0, 1, 2].map((step) => totp.generate({ timestamp: Date.now() + step * 30_000 })),
  );
  for (let n = 0; ; n++) {
    const code = String((123_456 + n * 111_111) % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
}
