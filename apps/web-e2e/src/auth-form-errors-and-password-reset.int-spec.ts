import { waitForMailValue } from '@enclave/local-stack';
import type { TestUser } from '@enclave/testing';
import { randomUUID } from 'node:crypto';
import { expectAccessibleState } from './testing/browser';
import { submitExpectingFieldError } from './testing/field-errors';
import {
  enterCode,
  enterPassword,
  fillSignUpDetails,
  newPerson,
  signedUpPerson,
  temporaryPasswordFor,
  wrongTotpCode,
} from './testing/people.fixture';
import { useProductInBrowser } from './testing/product-in-browser';

// Mistakes on the sign-up, sign-in and password-reset pages, in Debian's Chromium against the
// product as `npm start` runs it: each message shows at the field it is about (aria-invalid, tied
// by aria-describedby), both the form's own checks and the auth service's answers to what the
// form let through. Then a forgotten password is reset with the mailed code and signs in.
// The service's refusals (400, 401) are what these tests provoke.
const session = useProductInBrowser({ expectedStatuses: [400, 401] });

const newcomer = newPerson('grace');
let existing: TestUser;

beforeAll(async () => {
  existing = await signedUpPerson(session.product);
});

/** The page's button by its name. */
const button = (name: string) => session.page.getByRole('button', { name });
/** The page's form control by its label. */
const field = (label: string) => session.page.getByLabel(label, { exact: true });
/** Pressing the button shows the message at the field with that label. */
const expectRefusal = (buttonName: string, label: string, message: string) =>
  submitExpectingFieldError(button(buttonName), field(label), message);

describe('sign-up', () => {
  it('flags an e-mail address the form rejects at the E-mail field', async () => {
    const { product, page } = session;
    await page.goto(`${product.portal}/sign-up`);
    await fillSignUpDetails(page, {
      fullName: 'Grace Hopper',
      email: 'grace@example',
      phone: '+15555550100',
    });
    await expectRefusal(
      'Create account',
      'E-mail',
      'Enter an e-mail address like name@example.com.',
    );
    await expectAccessibleState(page, 'sign-up-invalid-email');
  });

  it("shows the auth service's refusal of addresses the form let through at the E-mail field", async () => {
    // The form only asks for something@something.something; the service's check is stricter.
    await field('E-mail').fill('grace..hopper@example.test');
    await expectRefusal('Create account', 'E-mail', 'Invalid email address.');

    await field('E-mail').fill(existing.email);
    await expectRefusal(
      'Create account',
      'E-mail',
      'An account with the given email already exists.',
    );
  });

  it('flags a weak new password, and a wrong temporary one, at their fields', async () => {
    const { product, page } = session;
    await field('E-mail').fill(newcomer.email);
    await button('Create account').click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    const temporary = await temporaryPasswordFor(product, newcomer.email);

    await field('Temporary password').fill(temporary);
    await field('New password').fill('password');
    await expectRefusal(
      'Set password',
      'New password',
      'The password does not meet every rule below.',
    );
    await expectAccessibleState(page, 'sign-up-weak-password');

    // Only the service knows the temporary password: its answer names that field.
    await field('Temporary password').fill(`Not-${temporary}`);
    await field('New password').fill(newcomer.password);
    await expectRefusal('Set password', 'Temporary password', 'Incorrect username or password.');
  });
});

describe('a forgotten password', () => {
  const newPassword = `Brand-new-${randomUUID().slice(0, 8)}-pw7`;

  it('is refused at the E-mail field for an address with no account', async () => {
    const { product, page } = session;
    await page.goto(`${product.portal}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await field('E-mail').fill(`nobody-${randomUUID().slice(0, 8)}@example.test`);
    await expectRefusal('Send code', 'E-mail', 'Username/client id combination not found.');
    await expectAccessibleState(page, 'reset-unknown-email');
  });

  it('is replaced with the mailed code (a wrong code is flagged at Code first)', async () => {
    const { product, page } = session;
    await field('E-mail').fill(existing.email);
    await button('Send code').click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    const code = await waitForMailValue(
      product.mailbox,
      existing.email,
      /^Verification code: (\d{6})$/m,
      10_000,
    );

    await field('Code').fill(code === '000000' ? '111111' : '000000');
    await field('New password').fill(newPassword);
    await expectRefusal(
      'Set new password',
      'Code',
      'Invalid verification code provided, please try again.',
    );
    await expectAccessibleState(page, 'reset-wrong-code');

    await field('Code').fill(code);
    await button('Set new password').click();
    await page.getByRole('heading', { name: 'Password changed' }).waitFor();
  });

  it('no longer lets the old password in; the new one does, after a wrong code flagged at Code', async () => {
    const { product, page } = session;
    await page.goto(`${product.portal}/sign-in`);
    await field('E-mail').fill(existing.email);
    await field('Password').fill(existing.password);
    await button('Continue').click();
    await page.getByRole('alert').filter({ hasText: 'Incorrect username or password.' }).waitFor();

    existing.password = newPassword;
    await enterPassword(page, product.portal, existing);
    await field('Code').fill(wrongTotpCode(existing));
    await expectRefusal('Sign in', 'Code', 'Invalid code received for user.');
    await expectAccessibleState(page, 'sign-in-wrong-code');

    await enterCode(page, existing);
    expect(await page.getByText(existing.email).count()).toBeGreaterThan(0);
  });
});
