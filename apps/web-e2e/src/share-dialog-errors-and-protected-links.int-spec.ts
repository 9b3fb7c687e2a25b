import type { TestUser } from '@enclave/testing';
import { randomBytes } from 'node:crypto';
import { expectAccessibleState, seriousViolations } from './testing/browser';
import { submitExpectingFieldError } from './testing/field-errors';
import { downloadBy, dropAndUpload, sha256, type TestFile } from './testing/files';
import { signedUpPerson, signInThroughBrowser } from './testing/people.fixture';
import { inFreshContext, useProductInBrowser } from './testing/product-in-browser';

// Sharing beyond the happy path, in Debian's Chromium against the product as `npm start` runs
// it: the Share-by-e-mail dialog's mistakes (too many recipients, a bad address, and an expiry
// this deployment refuses, which only the API knows), then a link with a password and a
// one-download limit, opened by someone else: the password prompt, a wrong password, the right
// one, and the page once the download is used up.
const WEEK = 7 * 86400;
const session = useProductInBrowser({
  // Shorter than the longest expiry the dialogs offer (30 days), as a deployment may choose.
  settings: { SHARE_MAX_EXPIRES_SECONDS: String(WEEK) },
  expectedStatuses: [400],
});

const NOTES: TestFile = { name: 'notes.txt', type: 'text/plain', bytes: randomBytes(200_000) };
const LINK_PASSWORD = 'Open-sesame-42';
let owner: TestUser;
let linkUrl = '';

beforeAll(async () => {
  owner = await signedUpPerson(session.product);
});

describe('the Share-by-e-mail dialog', () => {
  it('flags 21 recipients, then an invalid address, at the To field', async () => {
    const { product, page } = session;
    await signInThroughBrowser(page, product.portal, owner);
    await dropAndUpload(page, [NOTES]);

    await page.getByRole('button', { name: `Share ${NOTES.name} by e-mail` }).click();
    const to = page.getByLabel('To', { exact: true });
    const many = Array.from({ length: 21 }, (_, i) => `friend${i + 1}@example.test`);
    const send = page.getByRole('button', { name: 'Send' });
    await to.fill(many.join(', '));
    await submitExpectingFieldError(send, to, 'At most 20 recipients at a time (you entered 21).');
    await expectAccessibleState(page, 'share-email-too-many');

    await to.fill('bob@example.test, carol@');
    await submitExpectingFieldError(send, to, 'carol@ is not a valid e-mail address.');
  });

  it("shows the API's refusal of a longer expiry than this deployment allows at its field", async () => {
    const { page } = session;
    await page.getByLabel('To', { exact: true }).fill('bob@example.test');
    await page.getByLabel('Link works for').selectOption({ label: '30 days' });
    await submitExpectingFieldError(
      page.getByRole('button', { name: 'Send' }),
      page.getByLabel('Link works for'),
      `must be at most ${WEEK} seconds (7 days)`,
    );
    await expectAccessibleState(page, 'share-email-expiry-refused');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
  });
});

describe('a share link with a password and a download limit', () => {
  it('is made in the Create-link dialog, which shows its URL once and copies it', async () => {
    const { product, context, page } = session;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: product.portal,
    });
    await page.getByRole('button', { name: `Link to ${NOTES.name}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Password (optional)').fill(LINK_PASSWORD);
    await dialog.getByLabel('Download limit (optional)').fill('1');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Create link' }).click();

    const url = dialog.getByLabel('Link', { exact: true });
    await url.waitFor();
    linkUrl = await url.inputValue();
    expect(linkUrl).toMatch(/^http:\/\/127\.0\.0\.1:4200\/s\/[A-Za-z0-9_-]{32,}$/);
    await dialog.getByText(/for 1 downloads?, with the password you set/).waitFor();
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(linkUrl);
    await expectAccessibleState(page, 'create-link-made');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('asks for the password, refuses a wrong one clearly, downloads the bytes with the right one, then says no downloads are left', async () => {
    const { browser } = session;
    // A wrong password is a 401, the used-up link a 410: both are what this test is about.
    await inFreshContext(
      browser,
      async (their) => {
        await their.goto(linkUrl);
        await their.getByRole('heading', { name: NOTES.name }).waitFor();
        const password = their.getByLabel('Password');
        await password.waitFor();
        await expectAccessibleState(their, 'share-page-password');

        const download = their.getByRole('button', { name: 'Download' });
        await submitExpectingFieldError(download, password, 'Enter the password you were given.');

        await password.fill('Not-the-password');
        await submitExpectingFieldError(download, password, 'That password is not right.');
        await expectAccessibleState(their, 'share-page-wrong-password');

        await password.fill(LINK_PASSWORD);
        const bytes = await downloadBy(their, () => download.click());
        expect(sha256(bytes)).toBe(sha256(NOTES.bytes));

        // A fresh look at the link: its one download is spent.
        await their.reload();
        await their.getByRole('heading', { name: 'This link no longer works' }).waitFor();
        await their.getByText('This share has no downloads left.').waitFor();
        await expectAccessibleState(their, 'share-page-used-up');
      },
      [401, 410],
    );
  });
});
