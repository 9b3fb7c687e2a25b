import type { TestUser } from '@enclave/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Dialog } from 'playwright-core';
import { expectAccessibleState } from './testing/browser';
import {
  chooseFile,
  downloadBy,
  listedFile,
  sha256,
  type TestFile,
  uploadItem,
  waitUntilUploaded,
} from './testing/files';
import { signedUpPerson, signInThroughBrowser } from './testing/people.fixture';
import { holdPresignedPuts, partNumberOf } from './testing/presigned-puts';
import { useProductInBrowser } from './testing/product-in-browser';

// The upload controls, in Debian's Chromium against the product as `npm start` runs it: pause and
// resume, cancel, and a multipart upload that a reload interrupts and that continues (without
// sending its stored part again) once the same file is picked. The S3 PUTs are held at will so
// each action happens mid-transfer.
const MiB = 1024 ** 2;
const session = useProductInBrowser({
  // S3's smallest part, so a file of a few MiB is already a multipart upload of several parts.
  settings: {
    MULTIPART_THRESHOLD_BYTES: String(5 * MiB),
    MULTIPART_PART_SIZE_BYTES: String(5 * MiB),
  },
});

const PAUSED: TestFile = {
  name: 'paused.bin',
  type: 'application/octet-stream',
  bytes: randomBytes(400_000),
};
const CANCELLED: TestFile = {
  name: 'cancelled.bin',
  type: 'application/octet-stream',
  bytes: randomBytes(300_000),
};
// Three parts: 5 MiB, 5 MiB and the rest.
const BIG = { name: 'big.bin', bytes: randomBytes(11 * MiB + 12_345) };
let person: TestUser;
let folder = '';
let bigPath = '';

beforeAll(async () => {
  person = await signedUpPerson(session.product);
  // On disk, so both picks are the same file to the browser (name, size, last modified).
  folder = await mkdtemp(path.join(tmpdir(), 'enclave-e2e-upload-'));
  bigPath = path.join(folder, BIG.name);
  await writeFile(bigPath, BIG.bytes);
});

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('an upload', () => {
  it('pauses mid-transfer and resumes to the end, with exactly its bytes stored', async () => {
    const { product, page } = session;
    await signInThroughBrowser(page, product.portal, person);
    const puts = await holdPresignedPuts(page);
    try {
      await chooseFile(page, PAUSED);
      await puts.held();
      const item = uploadItem(page, PAUSED.name);
      await item.getByText('Uploading', { exact: true }).waitFor();
      await item.getByRole('button', { name: `Pause ${PAUSED.name}` }).click();
      await item.getByText('Paused', { exact: true }).waitFor();
      await expectAccessibleState(page, 'upload-paused');
      puts.release();
      await item.getByRole('button', { name: `Resume ${PAUSED.name}` }).click();
      await waitUntilUploaded(page, PAUSED.name);
    } finally {
      await puts.close();
    }
    await listedFile(page, PAUSED.name).waitFor();
    const bytes = await downloadBy(page, () =>
      page.getByRole('button', { name: `Download ${PAUSED.name}` }).click(),
    );
    expect(sha256(bytes)).toBe(sha256(PAUSED.bytes));
  });

  it('is cancelled mid-transfer: it stops, and the file is not kept', async () => {
    const { page } = session;
    const puts = await holdPresignedPuts(page);
    try {
      await chooseFile(page, CANCELLED);
      await puts.held();
      const item = uploadItem(page, CANCELLED.name);
      await item.getByRole('button', { name: `Cancel the upload of ${CANCELLED.name}` }).click();
      await item.getByText('Cancelled', { exact: true }).waitFor();
      expect(await item.getByRole('button').count()).toBe(0);
    } finally {
      await puts.close();
    }
    // A fresh list from the API: the paused-then-resumed file is there, the cancelled one not.
    await page.reload();
    await listedFile(page, PAUSED.name).waitFor();
    expect(await listedFile(page, CANCELLED.name).count()).toBe(0);
  });

  it('continues after a reload once the same file is picked again, and downloads intact', async () => {
    const { page } = session;
    // Part 1 goes through; parts 2 and 3 are held, so the reload interrupts them.
    const puts = await holdPresignedPuts(page, (request) => partNumberOf(request) === 1);
    const partOneStored = page.waitForResponse(
      (response) => response.request().method() === 'PUT' && partNumberOf(response.request()) === 1,
    );
    await chooseFile(page, bigPath);
    expect((await partOneStored).ok()).toBe(true);
    await puts.held(2);
    // The client saves a part as done right after S3 answers; wait for that save.
    await page.waitForFunction(() =>
      Object.keys(localStorage).some(
        (key) =>
          key.startsWith('enclave.uploads.') &&
          (JSON.parse(localStorage.getItem(key) ?? '{}') as { done?: unknown[] }).done?.length,
      ),
    );

    // Leaving mid-upload makes the page ask first; the person leaves anyway.
    const leave = (dialog: Dialog) => void dialog.accept();
    page.on('dialog', leave);
    await page.reload();
    page.off('dialog', leave);
    await puts.close();

    const notice = page.getByRole('status').filter({ hasText: 'Some uploads did not finish.' });
    const entry = notice.getByRole('listitem').filter({ hasText: BIG.name });
    await entry.waitFor();
    // "5.2 MB of 11.5 MB sent": the stored part counts, so it is not nothing.
    expect(await entry.innerText()).toMatch(/[1-9][\d.,]*\s*\S*B of [\d.,]+\s*\S*B sent/);
    await expectAccessibleState(page, 'upload-interrupted');

    const sentParts: number[] = [];
    page.on('request', (request) => {
      const part = partNumberOf(request);
      if (request.method() === 'PUT' && part !== undefined) sentParts.push(part);
    });
    await chooseFile(page, bigPath);
    await uploadItem(page, BIG.name).getByText('(resuming)').waitFor();
    await waitUntilUploaded(page, BIG.name);
    await notice.waitFor({ state: 'hidden' });
    // Only the parts S3 did not have yet were sent again.
    expect([...new Set(sentParts)].sort()).toEqual([2, 3]);

    await listedFile(page, BIG.name).waitFor();
    const bytes = await downloadBy(page, () =>
      page.getByRole('button', { name: `Download ${BIG.name}` }).click(),
    );
    expect(sha256(bytes)).toBe(sha256(BIG.bytes));
  });
});
