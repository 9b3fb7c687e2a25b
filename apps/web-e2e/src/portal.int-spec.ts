import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot, seriousViolations, watchConsole } from './testing/browser';
import { type LocalProduct, startLocalProduct } from '@enclave/local-stack';

// The portal in Debian's Chromium, against the whole product as `npm start` runs it.
let product: LocalProduct;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[];

beforeAll(async () => {
  [product, browser] = await Promise.all([startLocalProduct(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

beforeEach(async () => {
  // A fresh context per test: no session or storage carries over.
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  problems = watchConsole(page);
});

afterEach(async () => {
  await context.close();
  // A console error or an uncaught exception fails the test it happened in.
  if (problems.length) throw new Error(`the page reported:\n${problems.splice(0).join('\n')}`);
});

describe('the portal', () => {
  it('is what `npm start` prints first, and its landing page says what the product does', async () => {
    expect(product.output()).toMatch(/-+\nEnclave local stack is up\n-+\n {2}portal +http/);
    await page.goto(product.portal);
    await expect(page.title()).resolves.toBe('Enclave');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/Enclave/);
    await screenshot(page, 'landing');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('works at 375 px wide', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(product.portal);
    await page.getByRole('link', { name: 'Create an account' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
    expect(overflow).toBe(false);
    await screenshot(page, 'landing-375');
  });

  it('sends an anonymous visitor of a signed-in page to sign in', async () => {
    await page.goto(`${product.portal}/files`);
    await page.waitForURL(/\/sign-in\?next=%2Ffiles$/);
    await screenshot(page, 'sign-in');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
