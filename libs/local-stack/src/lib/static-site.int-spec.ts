import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningService } from './running';
import { startStaticSite } from './static-site';

let root: string;
let site: RunningService;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'enclave-site-'));
  await writeFile(join(root, 'index.html'), '<!doctype html><head><title>app</title></head>');
  await writeFile(join(root, 'main-ABCD1234.js'), 'console.log(1)');
  site = await startStaticSite({ root });
});

afterAll(async () => {
  await site?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('startStaticSite', () => {
  it("serves the app's index.html for its own routes, never to be cached", async () => {
    for (const path of ['/', '/files', '/s/abcDEF_123-xyz']) {
      const response = await fetch(`${site.endpoint}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<title>app</title>');
    }
  });

  it('serves hashed assets for good, and a missing file as 404', async () => {
    const asset = await fetch(`${site.endpoint}/main-ABCD1234.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${site.endpoint}/chunk-MISSING1.js`)).status).toBe(404);
  });

  it('answers only GET and HEAD', async () => {
    const response = await fetch(`${site.endpoint}/files`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('puts the given meta tags into the head of every index.html it serves, escaped', async () => {
    const withMeta = await startStaticSite({
      root,
      meta: { 'enclave-auth-url': 'http://127.0.0.1:3999', odd: '"><script>$&</script>' },
    });
    try {
      for (const path of ['/', '/files', '/index.html']) {
        const html = await (await fetch(`${withMeta.endpoint}${path}`)).text();
        expect(html).toBe(
          '<!doctype html><head><title>app</title>' +
            '<meta name="enclave-auth-url" content="http://127.0.0.1:3999">' +
            '<meta name="odd" content="&quot;&gt;&lt;script&gt;$&amp;&lt;/script&gt;"></head>',
        );
      }
    } finally {
      await withMeta.stop();
    }
  });

  it('serves index.html as it is now, so a rebuild while it runs is picked up', async () => {
    await writeFile(join(root, 'index.html'), '<!doctype html><head><title>rebuilt</title></head>');
    expect(await (await fetch(`${site.endpoint}/files`)).text()).toContain('rebuilt');
  });
});
