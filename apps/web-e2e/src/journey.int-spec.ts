import { mailboxFor, waitForMailValue } from '@enclave/local-stack';
import { nextTotpCode } from '@enclave/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { screenshot, seriousViolations } from './testing/browser';
import { downloadBy, dropAndUpload, listedFile, sha256, type TestFile } from './testing/files';
import {
  fillSignUpDetails,
  newPerson,
  signInThroughBrowser,
  temporaryPasswordFor,
} from './testing/people.fixture';
import { inFreshContext, useProductInBrowser } from './testing/product-in-browser';

// A person's first visit, in Debian's Chromium against the product as `npm start` runs it: sign
// up (the temporary password from the mailbox, the code from the authenticator key shown), then
// sign in with the second factor, drop two files, find and download one, share it by e-mail,
// download it as the recipient, revoke the share, delete the file. Each step runs on from the
// one before.
const session = useProductInBrowser();

const REPORT: TestFile = { name: 'report.txt', type: 'text/plain', bytes: randomBytes(300_000) };
const PHOTO: TestFile = { name: 'holiday.png', type: 'image/png', bytes: randomBytes(1_200_000) };
const RECIPIENT = `bob-${randomUUID().slice(0, 8)}@example.test`;
let shareLink = '';

const person = newPerson('ada');

describe('a newcomer', () => {
  it('signs up: details, the e-mailed temporary password, a new password, the authenticator', async () => {
    const { product, page } = session;
    await page.goto(product.portal);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await fillSignUpDetails(page, {
      fullName: 'Ada Lovelace',
      email: person.email,
      phone: '+15555550100',
    });
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-up-details');
    await page.getByRole('button', { name: /create|sign up|continue/i }).click();

    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    await page
      .getByLabel('Temporary password')
      .fill(await temporaryPasswordFor(product, person.email));
    await page.getByLabel('New password').fill(person.password);
    await screenshot(page, 'sign-up-password');
    await page.getByRole('button', { name: /continue|set|confirm/i }).click();

    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    expect(await page.getByRole('img', { name: /qr/i }).count()).toBe(1);
    const key = await page.getByLabel('Authenticator key').textContent();
    person.totpSecret = (key ?? '').replace(/\s+/g, '');
    expect(person.totpSecret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-up-authenticator');
    await page.getByLabel('The 6-digit code the app shows').fill(await nextTotpCode(person));
    await page.getByRole('button', { name: /confirm|verify|continue|finish/i }).click();
    await page.getByRole('heading', { name: 'Your account is ready' }).waitFor();
    await screenshot(page, 'sign-up-done');
  });

  it('signs in with the password and then the code, and lands on the files page', async () => {
    const { product, page } = session;
    await signInThroughBrowser(page, product.portal, person);
    expect(await page.getByText(person.email).count()).toBeGreaterThan(0);
    await screenshot(page, 'files-empty');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('drops two files on the page and watches both uploads reach 100 %', async () => {
    const { page } = session;
    await dropAndUpload(page, [REPORT, PHOTO]);
    const total = page.locator('[role="progressbar"][aria-labelledby="uploads-total"]');
    await total.and(page.locator('[aria-valuenow="100"]')).waitFor();
    expect(await page.locator('#uploads-total + .muted').textContent()).toMatch(
      /^1\.5 MB of 1\.5 MB/,
    );
    await screenshot(page, 'files-uploaded');
  });

  it('lists both, finds one by name, and downloads exactly its bytes', async () => {
    const { page } = session;
    const listed = (name: string) => listedFile(page, name);
    for (const name of [REPORT.name, PHOTO.name]) await listed(name).waitFor();
    await page.getByLabel('Search by name').fill('holiday');
    await listed(REPORT.name).waitFor({ state: 'hidden' });
    expect(await listed(PHOTO.name).count()).toBe(1);
    await screenshot(page, 'files-search');
    expect(await seriousViolations(page)).toEqual([]);
    const bytes = await downloadBy(page, () =>
      page.getByRole('button', { name: `Download ${PHOTO.name}` }).click(),
    );
    expect(sha256(bytes)).toBe(sha256(PHOTO.bytes));
    await page.getByLabel('Search by name').fill('');
  });

  it('shares a file by e-mail; the recipient opens the mailed link and downloads it', async () => {
    const { product, browser, page } = session;
    await page.getByRole('button', { name: `Share ${REPORT.name} by e-mail` }).click();
    await page.getByLabel('To', { exact: true }).fill(RECIPIENT);
    await page.getByLabel('Message (optional)').fill('The report, as promised.');
    await screenshot(page, 'share-dialog');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    shareLink = await waitForMailValue(
      product.mailbox,
      RECIPIENT,
      /(http:\/\/127\.0\.0\.1:4200\/s\/[A-Za-z0-9_-]+)/,
      10_000,
    );
    const [mail] = await mailboxFor(product.mailbox, RECIPIENT);
    expect(mail?.subject).toContain(REPORT.name);

    // The recipient: a browser of their own, signed in nowhere.
    await inFreshContext(browser, async (their) => {
      await their.goto(shareLink);
      await their.getByRole('heading', { name: REPORT.name }).waitFor();
      expect(await their.getByText('The report, as promised.').count()).toBe(1);
      await screenshot(their, 'share-page');
      expect(await seriousViolations(their)).toEqual([]);
      const bytes = await downloadBy(their, () =>
        their.getByRole('button', { name: 'Download' }).click(),
      );
      expect(sha256(bytes)).toBe(sha256(REPORT.bytes));
    });
  });

  it('revokes the share, after which its link is dead', async () => {
    const { browser, page } = session;
    await page.getByRole('link', { name: 'Shares' }).click();
    await page.getByRole('heading', { name: 'Shares' }).waitFor();
    await page.getByText(RECIPIENT).first().waitFor();
    await screenshot(page, 'shares');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Revoke' }).first().click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page
      .getByText(/revoked/i)
      .first()
      .waitFor();

    // The dead link's 410 is the point here.
    await inFreshContext(
      browser,
      async (their) => {
        await their.goto(shareLink);
        await their.getByRole('heading', { name: 'This link no longer works' }).waitFor();
        await screenshot(their, 'share-page-revoked');
      },
      [410],
    );
  });

  it('deletes a file after asking, and it is gone from the list', async () => {
    const { page } = session;
    const listed = (name: string) => listedFile(page, name);
    await page.getByRole('link', { name: 'Files' }).click();
    await listed(REPORT.name).waitFor();
    await page.getByRole('button', { name: `Delete ${REPORT.name}` }).click();
    await screenshot(page, 'delete-confirm');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await listed(REPORT.name).waitFor({ state: 'hidden' });
    expect(await listed(PHOTO.name).count()).toBe(1);
  });

  it('shows the encryption settings', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await screenshot(page, 'settings');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
