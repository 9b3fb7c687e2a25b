import { mailboxFor, waitForMailValue } from '@enclave/local-stack';
import { nextTotpCode, type TestUser } from '@enclave/testing';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot, seriousViolations, watchConsole } from './testing/browser';
import { type LocalProduct, startLocalProduct } from './testing/local-product';

// A person's first visit, in Debian's Chromium against the product as `npm start` runs it: sign
// up (the temporary password from the mailbox, the code from the authenticator key shown), then
// sign in with the second factor, drop two files, find and download one, share it by e-mail,
// download it as the recipient, revoke the share, delete the file. Each step runs on from the
// one before.
let product: LocalProduct;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[];

const REPORT = { name: 'report.txt', type: 'text/plain', bytes: randomBytes(300_000) };
const PHOTO = { name: 'holiday.png', type: 'image/png', bytes: randomBytes(1_200_000) };
const RECIPIENT = `bob-${randomUUID().slice(0, 8)}@example.test`;
let shareLink = '';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Saves what a click downloads and answers its bytes. */
async function downloadBy(on: Page, click: () => Promise<void>): Promise<Buffer> {
  const [download] = await Promise.all([on.waitForEvent('download'), click()]);
  return readFile(await download.path());
}

/** A file's name as the library lists it. */
const listed = (name: string) =>
  page
    .locator('enc-file-library .name')
    .filter({ hasText: new RegExp(`^${name.replace('.', '\\.')}$`) });

const person: TestUser = {
  user_id: '',
  email: `ada-${randomUUID().slice(0, 8)}@example.test`,
  password: `Correct-${randomUUID().slice(0, 8)}-horse9`,
  idToken: '',
  totpSecret: '',
  otpStepUsed: -1,
};

beforeAll(async () => {
  [product, browser] = await Promise.all([startLocalProduct(), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  problems = watchConsole(page);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await product?.stop();
});

afterEach(() => {
  // A console error or an uncaught exception fails the test it happened in.
  if (problems.length) throw new Error(`the page reported:\n${problems.splice(0).join('\n')}`);
});

describe('a newcomer', () => {
  it('signs up: details, the e-mailed temporary password, a new password, the authenticator', async () => {
    await page.goto(product.portal);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Full name').fill('Ada Lovelace');
    await page.getByLabel('E-mail').fill(person.email);
    await page.getByLabel('Mobile phone number').fill('+15555550100');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-up-details');
    await page.getByRole('button', { name: /create|sign up|continue/i }).click();

    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    const temporary = await waitForMailValue(
      product.mailbox,
      person.email,
      /^Temporary password: (.+)$/m,
      10_000,
    );
    await page.getByLabel('Temporary password').fill(temporary.trim());
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
    await page.goto(`${product.portal}/sign-in`);
    await page.getByLabel('E-mail').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Enter your code' }).waitFor();
    await page.getByLabel('Code').fill(await nextTotpCode(person));
    await page.getByRole('button', { name: /sign in|verify|continue/i }).click();
    await page.waitForURL(/\/files$/);
    expect(await page.getByText(person.email).count()).toBeGreaterThan(0);
    await screenshot(page, 'files-empty');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('drops two files on the page and watches both uploads reach 100 %', async () => {
    // The files' bytes come from this test through a route, then are dropped as a person would.
    await page.route('http://e2e.files.test/**', (route) => {
      const file = [REPORT, PHOTO].find((f) => route.request().url().endsWith(`/${f.name}`));
      return route.fulfill({
        body: file?.bytes,
        contentType: file?.type,
        headers: { 'access-control-allow-origin': '*' },
      });
    });
    const dataTransfer = await page.evaluateHandle(
      async (given) => {
        const transfer = new DataTransfer();
        for (const file of given) {
          const blob = await (await fetch(`http://e2e.files.test/${file.name}`)).blob();
          transfer.items.add(new File([blob], file.name, { type: file.type }));
        }
        return transfer;
      },
      [REPORT, PHOTO].map(({ name, type }) => ({ name, type })),
    );
    await page.dispatchEvent('.drop-zone', 'dragenter', { dataTransfer });
    await page.dispatchEvent('.drop-zone', 'drop', { dataTransfer });
    for (const name of [REPORT.name, PHOTO.name]) {
      const bar = page.locator(`[role="progressbar"][aria-label="Upload of ${name}"]`);
      await bar.and(page.locator('[aria-valuenow="100"]')).waitFor();
      const item = page.getByRole('list', { name: 'Uploads' }).locator('li').filter({ has: bar });
      await item.getByText('Uploaded').waitFor();
    }
    const total = page.locator('[role="progressbar"][aria-labelledby="uploads-total"]');
    await total.and(page.locator('[aria-valuenow="100"]')).waitFor();
    expect(await page.locator('#uploads-total + .muted').textContent()).toMatch(
      /^1\.4 MB of 1\.4 MB/,
    );
    await screenshot(page, 'files-uploaded');
  });

  it('lists both, finds one by name, and downloads exactly its bytes', async () => {
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
    const theirs = await browser.newContext();
    try {
      const their = await theirs.newPage();
      const theirProblems = watchConsole(their);
      await their.goto(shareLink);
      await their.getByRole('heading', { name: REPORT.name }).waitFor();
      expect(await their.getByText('The report, as promised.').count()).toBe(1);
      await screenshot(their, 'share-page');
      expect(await seriousViolations(their)).toEqual([]);
      const bytes = await downloadBy(their, () =>
        their.getByRole('button', { name: 'Download' }).click(),
      );
      expect(sha256(bytes)).toBe(sha256(REPORT.bytes));
      expect(theirProblems).toEqual([]);
    } finally {
      await theirs.close();
    }
  });

  it('revokes the share, after which its link is dead', async () => {
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

    const theirs = await browser.newContext();
    try {
      const their = await theirs.newPage();
      await their.goto(shareLink);
      await their.getByRole('heading', { name: 'This link no longer works' }).waitFor();
      await screenshot(their, 'share-page-revoked');
    } finally {
      await theirs.close();
    }
  });

  it('deletes a file after asking, and it is gone from the list', async () => {
    await page.getByRole('link', { name: 'Files' }).click();
    await listed(REPORT.name).waitFor();
    await page.getByRole('button', { name: `Delete ${REPORT.name}` }).click();
    await screenshot(page, 'delete-confirm');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await listed(REPORT.name).waitFor({ state: 'hidden' });
    expect(await listed(PHOTO.name).count()).toBe(1);
  });

  it('shows the encryption settings', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await screenshot(page, 'settings');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
