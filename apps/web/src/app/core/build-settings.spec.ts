import { PORTAL_META } from '@enclave/service-registry';
import { portalSettings } from './build-settings';

/** A page whose head holds the given meta tags. */
function pageWith(meta: Record<string, string>): Document {
  const page = document.implementation.createHTMLDocument('portal');
  for (const [name, content] of Object.entries(meta)) {
    const tag = page.createElement('meta');
    tag.name = name;
    tag.content = content;
    page.head.append(tag);
  }
  return page;
}

describe('portalSettings', () => {
  it('uses the built-in addresses when the page names none', () => {
    expect(portalSettings(pageWith({}))).toEqual({
      authUrl: 'http://127.0.0.1:3100',
      fileUrl: 'http://127.0.0.1:3000',
    });
    expect(portalSettings(undefined).authUrl).toBe('http://127.0.0.1:3100');
  });

  it('follows the addresses the page names, e.g. a local stack on other ports', () => {
    const page = pageWith({
      [PORTAL_META.authUrl]: 'http://127.0.0.1:3999',
      [PORTAL_META.fileUrl]: 'https://api.example.test/prod/',
    });
    expect(portalSettings(page)).toEqual({
      authUrl: 'http://127.0.0.1:3999',
      fileUrl: 'https://api.example.test/prod',
    });
  });

  it.each(['javascript:alert(1)', '//evil.test', 'http://host/?x=1', 'http://host#a', '', 'nope'])(
    'keeps the built-in address when the page names %p',
    (content) => {
      const page = pageWith({ [PORTAL_META.fileUrl]: content });
      expect(portalSettings(page).fileUrl).toBe('http://127.0.0.1:3000');
    },
  );
});
