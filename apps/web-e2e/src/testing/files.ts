import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';

/** A file a test uploads: its name, media type and exact bytes. */
export interface TestFile {
  name: string;
  type: string;
  bytes: Buffer;
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Saves what a click downloads and answers its bytes. */
export async function downloadBy(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFile(await download.path());
}

/** A file's name as the library lists it. */
export const listedFile = (page: Page, name: string): Locator =>
  page
    .locator('enc-file-library .name')
    .filter({ hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });

/** One file's entry in the upload queue, found by its progress bar's name. */
export function uploadItem(page: Page, name: string): Locator {
  const bar = page.locator(`[role="progressbar"][aria-label="Upload of ${name}"]`);
  return page.getByRole('list', { name: 'Uploads' }).locator('li').filter({ has: bar });
}

/** Waits until the queue shows the file uploaded, its bar at 100 %. */
export async function waitUntilUploaded(page: Page, name: string): Promise<void> {
  const bar = page.locator(`[role="progressbar"][aria-label="Upload of ${name}"]`);
  await bar.and(page.locator('[aria-valuenow="100"]')).waitFor();
  await uploadItem(page, name).getByText('Uploaded', { exact: true }).waitFor();
}

/**
 * Drops files on the upload zone as a person would: their bytes come from the test through a
 * route, become File objects in the page, and are dropped with a DataTransfer.
 */
export async function dropFiles(page: Page, files: readonly TestFile[]): Promise<void> {
  await page.route('http://e2e.files.test/**', (route) => {
    const file = files.find((f) => route.request().url().endsWith(`/${f.name}`));
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
    files.map(({ name, type }) => ({ name, type })),
  );
  await page.dispatchEvent('.drop-zone', 'dragenter', { dataTransfer });
  await page.dispatchEvent('.drop-zone', 'drop', { dataTransfer });
  await page.unroute('http://e2e.files.test/**');
}

/** Drops files on the upload zone and waits until each is uploaded. */
export async function dropAndUpload(page: Page, files: readonly TestFile[]): Promise<void> {
  await dropFiles(page, files);
  for (const file of files) await waitUntilUploaded(page, file.name);
}

/** Picks a file with the upload panel's file chooser (its hidden input), by path or by bytes. */
export async function chooseFile(page: Page, file: string | TestFile): Promise<void> {
  await page
    .getByLabel('Files to upload')
    .setInputFiles(
      typeof file === 'string'
        ? file
        : { name: file.name, mimeType: file.type, buffer: file.bytes },
    );
}
