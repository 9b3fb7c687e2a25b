import { PORTAL_META, withMetaTags } from './portal-meta';

describe('withMetaTags', () => {
  it('puts the tags just before the head closes', () => {
    expect(
      withMetaTags('<html><head><title>x</title></head><body></body></html>', {
        [PORTAL_META.authUrl]: 'https://auth.example.com',
      }),
    ).toBe(
      '<html><head><title>x</title><meta name="enclave-auth-url" content="https://auth.example.com"></head><body></body></html>',
    );
  });

  it('escapes names and contents, and takes replacement patterns literally', () => {
    expect(withMetaTags('<head></head>', { odd: '"><script>$&</script>' })).toBe(
      '<head><meta name="odd" content="&quot;&gt;&lt;script&gt;$&amp;&lt;/script&gt;"></head>',
    );
  });

  it('leaves the page as it is without tags, and prepends them to a page with no head', () => {
    expect(withMetaTags('<p>hi</p>', {})).toBe('<p>hi</p>');
    expect(withMetaTags('<p>hi</p>', { a: 'b' })).toBe('<meta name="a" content="b"><p>hi</p>');
  });
});
