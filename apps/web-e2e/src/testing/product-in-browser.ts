import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, watchConsole } from './browser';
import { type LocalProduct, startLocalProduct } from '@enclave/local-stack';

/** What a spec file drives: the product, Chromium, and one person's page in its own context. */
export interface ProductInBrowser {
  product: LocalProduct;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

export interface ProductInBrowserOptions {
  /** Service settings for this spec's devstack (see startLocalProduct). */
  settings?: Readonly<Record<string, string>>;
  /** API refusals the spec provokes on purpose (see watchConsole). */
  expectedStatuses?: readonly number[];
}

/**
 * Registers the spec file's hooks: one devstack and one browser page for all its tests (each
 * step runs on from the one before), closed at the end, and a test fails when the page reported
 * a console error or an uncaught exception during it. The fields are set once beforeAll ran.
 */
export function useProductInBrowser(options: ProductInBrowserOptions = {}): ProductInBrowser {
  const session = {} as ProductInBrowser;
  let problems: string[] = [];

  beforeAll(async () => {
    [session.product, session.browser] = await Promise.all([
      startLocalProduct({ settings: options.settings }),
      launchChromium(),
    ]);
    session.context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
    session.page = await session.context.newPage();
    problems = watchConsole(session.page, options.expectedStatuses);
  }, 120_000);

  afterAll(async () => {
    await session.context?.close();
    await session.browser?.close();
    await session.product?.stop();
  });

  afterEach(() => {
    if (problems.length) throw new Error(`the page reported:\n${problems.splice(0).join('\n')}`);
  });

  return session;
}

/**
 * Runs `visit` in a browser context of its own (someone else: signed in nowhere), failing on
 * its page's console errors too, and closes it afterwards.
 */
export async function inFreshContext<T>(
  browser: Browser,
  visit: (page: Page) => Promise<T>,
  expectedStatuses: readonly number[] = [],
): Promise<T> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems = watchConsole(page, expectedStatuses);
    const result = await visit(page);
    expect(problems).toEqual([]);
    return result;
  } finally {
    await context.close();
  }
}
