import { contractOperations } from '@enclave/api-contract';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createContext, runInContext } from 'node:vm';
import { listenOnLoopback, type RunningService, runningServer } from '../running';
import { startGateway } from './gateway';
import { routeTable } from './route-table';

// The public share page devstack's gateway serves at /s/{token}, run against the real gateway and
// a stand-in for the sharing service.
const contract = {
  openapi: '3.1.0',
  paths: {
    '/v1/shares/{token}': {
      get: { operationId: 'getPublicShare', 'x-enclave-service': 'sharing' },
    },
    '/v1/shares/{token}/download': {
      post: { operationId: 'downloadPublicShare', 'x-enclave-service': 'sharing' },
    },
  },
};

const token = (name: string) => name.padEnd(43, 'A');
const OPEN = token('open');
const LOCKED = token('locked');
const GONE = token('gone');
const UNKNOWN = token('unknown');
const ROGUE = token('rogue');

const HOSTILE_NAME = '<img src=x onerror=alert(1)>.pdf';
const HOSTILE_MESSAGE = 'Hi <b>Bob</b>\n<script>alert(1)</script>';
const DOWNLOAD_URL = 'http://127.0.0.1:4568/enclave-files-local/obj?X-Amz-Signature=abc';

function answer(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  const problem = status >= 400;
  res.writeHead(status, {
    'content-type': problem ? 'application/problem+json' : 'application/json',
    ...headers,
  });
  res.end(JSON.stringify(problem ? { status, title: 'x', type: 'x', ...(body as object) } : body));
}

/** Stands in for sharing-api: one token per answer the page must handle. */
async function fakeSharing(): Promise<RunningService & { wrongTries: () => number }> {
  let wrong = 0;
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const [, , , shareToken, action] = (req.url ?? '').split('/');
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
      const share = {
        file_name: HOSTILE_NAME,
        size: 2_500_000,
        content_type: 'application/pdf',
        expires_at: '2030-01-01T00:00:00.000Z',
        password_required: shareToken === LOCKED,
        downloads_left: shareToken === OPEN ? 2 : null,
        shared_by: '<i>Ada</i>',
        message: HOSTILE_MESSAGE,
      };
      if (shareToken === UNKNOWN) return answer(res, 404, { detail: 'No such share.' });
      if (shareToken === GONE) return answer(res, 410, { detail: 'This share was revoked.' });
      if (!action) return answer(res, 200, share);
      if (shareToken === ROGUE) return answer(res, 200, { download_url: 'javascript:alert(1)' });
      if (shareToken === LOCKED && body.password !== 'right') {
        if (++wrong > 2) return answer(res, 429, { detail: 'slow down' }, { 'retry-after': '120' });
        return answer(res, 401, { detail: 'Wrong password.' });
      }
      return answer(res, 200, { file_name: HOSTILE_NAME, download_url: DOWNLOAD_URL });
    });
  });
  await listenOnLoopback(server, 0);
  return { ...runningServer(server), wrongTries: () => wrong };
}

interface FakeElement {
  id: string;
  textContent: string;
  hidden: boolean;
  disabled: boolean;
  value: string;
  listeners: Map<string, (event: { preventDefault(): void }) => void>;
}

/**
 * Runs the page's own script on a minimal document built from the page's ids. Its elements take
 * text only: any attempt to write HTML into one throws, and the script is not given one.
 */
function openPage(html: string, gateway: string, path: string) {
  const elements = new Map<string, FakeElement>();
  for (const tag of html.matchAll(/<[a-z0-9]+\s[^>]*\bid="([^"]+)"[^>]*>/g)) {
    const id = tag[1] as string;
    const element = {
      id,
      textContent: '',
      hidden: /\shidden[\s>]/.test(tag[0]),
      disabled: false,
      value: '',
      listeners: new Map(),
      addEventListener(type: string, listener: (event: { preventDefault(): void }) => void) {
        this.listeners.set(type, listener);
      },
    };
    for (const sink of ['innerHTML', 'outerHTML'])
      Object.defineProperty(element, sink, {
        set: () => {
          throw new Error(`the page wrote HTML into #${id}`);
        },
      });
    Object.defineProperty(element, 'insertAdjacentHTML', {
      value: () => {
        throw new Error(`the page wrote HTML into #${id}`);
      },
    });
    elements.set(id, element);
  }
  const navigations: string[] = [];
  const requests: { url: string; method: string; body?: string }[] = [];
  const context = createContext({
    document: { getElementById: (id: string) => elements.get(id) ?? null },
    location: { pathname: path, assign: (url: string) => navigations.push(url) },
    fetch: (url: string, init: RequestInit = {}) => {
      requests.push({ url, method: init.method ?? 'GET', body: init.body as string | undefined });
      return fetch(new URL(url, gateway), init);
    },
  });
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] as string;
  runInContext(script, context);
  const el = (id: string) => {
    const element = elements.get(id);
    if (!element) throw new Error(`no #${id} on the page`);
    return element;
  };
  return {
    el,
    navigations,
    requests,
    submit: () =>
      el('download-form').listeners.get('submit')?.({ preventDefault: () => undefined }),
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error(`timed out waiting until ${what}`);
}

describe('gateway share page', () => {
  let sharing: Awaited<ReturnType<typeof fakeSharing>>;
  let gateway: RunningService;
  let plainGateway: RunningService;
  let html: string;

  beforeAll(async () => {
    sharing = await fakeSharing();
    const routes = routeTable(contractOperations(contract));
    const upstreams = new Map([['sharing', sharing.endpoint]]);
    gateway = await startGateway({ routes, upstreams, sharePage: true });
    plainGateway = await startGateway({ routes, upstreams });
    html = await (await fetch(`${gateway.endpoint}/s/${OPEN}`)).text();
  });

  afterAll(async () => {
    await gateway?.stop();
    await plainGateway?.stop();
    await sharing?.stop();
  });

  it('answers GET /s/{token} with the HTML page and its protective headers', async () => {
    const response = await fetch(`${gateway.endpoint}/s/${OPEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const body = await response.text();
    expect(body).toMatch(/^<!doctype html>/);

    const csp = new Map(
      (response.headers.get('content-security-policy') ?? '')
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]) => [name as string, values]),
    );
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('require-trusted-types-for')).toEqual(["'script'"]);
    // Only the page's own inline script and style run: allowed by their hashes, nothing else.
    const hashOf = (tag: string) => {
      const text = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(body)?.[1] ?? '';
      return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    };
    expect(csp.get('script-src')).toEqual([hashOf('script')]);
    expect(csp.get('style-src')).toEqual([hashOf('style')]);
  });

  it('answers HEAD with the headers only, and 405 for other methods', async () => {
    const head = await fetch(`${gateway.endpoint}/s/${OPEN}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await head.text()).toBe('');
    const post = await fetch(`${gateway.endpoint}/s/${OPEN}`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(post.headers.get('content-type')).toBe('application/problem+json');
  });

  it('loads nothing from elsewhere and has no way to write HTML', () => {
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script>');
    expect(html).not.toMatch(/<(link|img|iframe|object|embed|base)\b/i);
    expect(html).not.toMatch(/\s(src|href|srcset|action)=/i);
    expect(html).not.toMatch(/url\(|@import|https?:\/\//i);
    for (const sink of [
      'innerHTML',
      'outerHTML',
      'insertAdjacentHTML',
      'document.write',
      'eval(',
      'Function(',
      'setAttribute',
      '.src',
      '.href',
    ])
      expect(html).not.toContain(sink);
    expect(html).toContain('textContent');
  });

  it('is served only when the gateway is asked to: otherwise /s/… is not in the contract', async () => {
    const response = await fetch(`${plainGateway.endpoint}/s/${OPEN}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    // Deeper paths are not the page either.
    expect((await fetch(`${gateway.endpoint}/s/${OPEN}/x`)).status).toBe(404);
  });

  it("shows the share's details as text, and Download navigates to the fresh link", async () => {
    const page = openPage(html, gateway.endpoint, `/s/${OPEN}`);
    await until(() => !page.el('share').hidden, 'the share is shown');
    expect(page.requests[0]).toMatchObject({ url: `/v1/shares/${OPEN}`, method: 'GET' });
    expect(page.el('file-name').textContent).toBe(HOSTILE_NAME);
    expect(page.el('message').textContent).toBe(HOSTILE_MESSAGE);
    expect(page.el('message-box').hidden).toBe(false);
    expect(page.el('shared-by').textContent).toBe('<i>Ada</i>');
    expect(page.el('file-size').textContent).toBe('2.5 MB');
    expect(page.el('downloads-left').textContent).toBe('2');
    expect(page.el('expires').textContent).toContain('2030');
    expect(page.el('password-box').hidden).toBe(true);
    expect(page.el('loading').hidden).toBe(true);
    expect(page.el('problem').hidden).toBe(true);

    page.submit();
    await until(() => page.navigations.length > 0, 'the download starts');
    expect(page.requests[1]).toMatchObject({
      url: `/v1/shares/${OPEN}/download`,
      method: 'POST',
      body: '{}',
    });
    expect(page.navigations).toEqual([DOWNLOAD_URL]);
    expect(page.el('downloads-left').textContent).toBe('1');
  });

  it('asks for the password, says when it is wrong, then when tries ran out', async () => {
    const page = openPage(html, gateway.endpoint, `/s/${LOCKED}`);
    await until(() => !page.el('share').hidden, 'the share is shown');
    expect(page.el('password-box').hidden).toBe(false);
    expect(page.el('downloads-left').textContent).toBe('no limit');

    page.submit();
    expect(page.el('status').textContent).toBe('Enter the password you were given.');
    expect(page.requests).toHaveLength(1);

    const tries = sharing.wrongTries();
    page.el('password').value = 'wrong';
    page.submit();
    await until(() => sharing.wrongTries() > tries && !page.el('download').disabled, 'refused');
    expect(page.el('status').textContent).toBe('That password is not right.');
    expect(JSON.parse(page.requests[1]?.body ?? '')).toEqual({ password: 'wrong' });

    page.el('password').value = 'right';
    page.submit();
    await until(() => page.navigations.length > 0, 'the download starts');
    expect(page.navigations).toEqual([DOWNLOAD_URL]);

    page.el('password').value = 'wrong again';
    page.submit();
    await until(() => sharing.wrongTries() > tries + 1 && !page.el('download').disabled, 'refused');
    expect(page.el('status').textContent).toBe('That password is not right.');
    page.submit();
    await until(() => /Too many/.test(page.el('status').textContent), 'rate-limited');
    expect(page.el('status').textContent).toBe('Too many wrong passwords. Try again in 2 minutes.');
  });

  it.each([
    [GONE, 'This link no longer works', 'This share was revoked.'],
    [UNKNOWN, 'No such link', 'This link does not exist. Check that you copied all of it.'],
    ['short', 'This link is not valid', 'Check that you copied all of it.'],
  ])('explains %s in words', async (shareToken, title, detail) => {
    const page = openPage(html, gateway.endpoint, `/s/${shareToken}`);
    await until(() => !page.el('problem').hidden, 'the problem is shown');
    expect(page.el('problem-title').textContent).toBe(title);
    expect(page.el('problem-detail').textContent).toBe(detail);
    expect(page.el('share').hidden).toBe(true);
    expect(page.el('loading').hidden).toBe(true);
  });

  it('never navigates to a download link that is not http(s)', async () => {
    const page = openPage(html, gateway.endpoint, `/s/${ROGUE}`);
    await until(() => !page.el('share').hidden, 'the share is shown');
    page.submit();
    await until(() => page.requests.length === 2 && !page.el('download').disabled, 'answered');
    expect(page.navigations).toEqual([]);
    expect(page.el('status').textContent).toBe('Check your connection and try again.');
  });
});
