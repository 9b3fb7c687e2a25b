import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { writeProblem } from './problem-response';

// The public share page (`/s/{token}`), which the gateway serves locally until the portal does.
// One self-contained document: its style and script are inline and allowed by hash only, it loads
// nothing from anywhere, and everything the API says is put on the page as text.

const STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.45; }
body { margin: 0; padding: 2rem 1rem; }
main { max-width: 34rem; margin: 0 auto; }
.brand { font-size: 1rem; letter-spacing: 0.08em; text-transform: uppercase; opacity: 0.7; }
h2 { overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; }
dt { opacity: 0.7; }
dd { margin: 0; overflow-wrap: anywhere; }
.message { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 3px solid #888;
  padding: 0.2rem 0.8rem; margin: 1rem 0; }
label { display: block; margin: 1rem 0 0.3rem; }
input { font: inherit; padding: 0.4rem; width: 100%; max-width: 20rem; box-sizing: border-box; }
button { font: inherit; margin-top: 1rem; padding: 0.5rem 1.4rem; cursor: pointer; }
.status { min-height: 1.5em; }
.problem { border: 1px solid #c44; border-radius: 6px; padding: 0.2rem 1rem; }
`;

// Plain ES2017, no template literals: it runs as written in any current browser.
const SCRIPT = `
(function () {
  'use strict';
  var TOKEN = /^[A-Za-z0-9_-]{32,128}$/;
  var el = function (id) { return document.getElementById(id); };
  var setText = function (id, value) { el(id).textContent = value; };
  var show = function (id, visible) { el(id).hidden = !visible; };

  var token = location.pathname.split('/')[2] || '';
  var api = '/v1/shares/' + encodeURIComponent(token);
  var share = null;

  function formatSize(bytes) {
    var units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
    var value = bytes;
    var unit = 0;
    while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit++; }
    return (unit === 0 ? String(value) : value.toFixed(value < 10 ? 1 : 0)) + ' ' + units[unit];
  }

  function formatTime(iso) {
    var date = new Date(iso);
    return isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
  }

  function waitText(seconds) {
    if (!(seconds > 0)) return 'a little while';
    if (seconds < 90) return seconds + ' seconds';
    return Math.ceil(seconds / 60) + ' minutes';
  }

  /** A problem+json answer (or anything else) as a title and a sentence a person can act on. */
  function readProblem(response) {
    var wait = Number(response.headers.get('retry-after'));
    return response.json().catch(function () { return {}; }).then(function (body) {
      var detail = body && typeof body.detail === 'string' ? body.detail : '';
      switch (response.status) {
        case 400: return { title: 'This link is not valid', detail: 'Check that you copied all of it.' };
        case 401: return { title: 'Password needed', detail: share && share.password_required && el('password').value ? 'That password is not right.' : 'Enter the password you were given.' };
        case 404: return { title: 'No such link', detail: 'This link does not exist. Check that you copied all of it.' };
        case 410: return { title: 'This link no longer works', detail: detail || 'It expired, was revoked, its downloads are used up, or the file was deleted.' };
        case 429: return { title: 'Too many tries', detail: 'Too many wrong passwords. Try again in ' + waitText(wait) + '.' };
        default: return { title: 'Something went wrong', detail: detail || 'The service is not available right now; try again shortly.' };
      }
    });
  }

  function showProblem(found) {
    show('loading', false);
    show('share', false);
    setText('problem-title', found.title);
    setText('problem-detail', found.detail);
    show('problem', true);
  }

  function offline() {
    return { title: 'Cannot reach Enclave', detail: 'Check your connection and try again.' };
  }

  function render() {
    setText('file-name', share.file_name);
    setText('file-size', formatSize(share.size));
    setText('shared-by', share.shared_by || 'someone');
    setText('expires', formatTime(share.expires_at));
    var left = share.downloads_left;
    setText('downloads-left', typeof left === 'number' ? String(left) : 'no limit');
    if (typeof share.message === 'string' && share.message !== '') {
      setText('message', share.message);
      show('message-box', true);
    }
    show('password-box', share.password_required === true);
    show('loading', false);
    show('share', true);
  }

  function download(event) {
    event.preventDefault();
    var body = {};
    if (share.password_required) {
      body.password = el('password').value;
      if (body.password === '') { setText('status', 'Enter the password you were given.'); return; }
    }
    el('download').disabled = true;
    setText('status', 'Preparing your download…');
    fetch(api + '/download', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    }).then(function (response) {
      if (!response.ok) {
        return readProblem(response).then(function (found) {
          if (response.status === 401 || response.status === 429) setText('status', found.detail);
          else showProblem(found);
        });
      }
      return response.json().then(function (answer) {
        var url = answer && typeof answer.download_url === 'string' ? answer.download_url : '';
        if (!/^https?:\\/\\//i.test(url)) throw new Error('no download link');
        if (typeof share.downloads_left === 'number') {
          share.downloads_left = Math.max(0, share.downloads_left - 1);
          setText('downloads-left', String(share.downloads_left));
        }
        setText('status', 'Your download is starting.');
        location.assign(url);
      });
    }).catch(function () {
      setText('status', offline().detail);
    }).then(function () {
      el('download').disabled = false;
    });
  }

  if (!TOKEN.test(token)) {
    showProblem({ title: 'This link is not valid', detail: 'Check that you copied all of it.' });
    return;
  }
  el('download-form').addEventListener('submit', download);
  fetch(api, { headers: { accept: 'application/json' }, credentials: 'omit', cache: 'no-store' })
    .then(function (response) {
      if (!response.ok) return readProblem(response).then(showProblem);
      return response.json().then(function (answer) { share = answer; render(); });
    })
    .catch(function () { showProblem(offline()); });
})();
`;

/** The page as served: every id the script uses is here; nothing is filled in on the server. */
export const SHARE_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>A file shared with you - Enclave</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1 class="brand">Enclave</h1>
<p id="loading">Loading…</p>
<section id="problem" class="problem" hidden>
<h2 id="problem-title"></h2>
<p id="problem-detail"></p>
</section>
<section id="share" hidden>
<h2 id="file-name"></h2>
<dl>
<dt>Size</dt><dd id="file-size"></dd>
<dt>Shared by</dt><dd id="shared-by"></dd>
<dt>Expires</dt><dd id="expires"></dd>
<dt>Downloads left</dt><dd id="downloads-left"></dd>
</dl>
<div id="message-box" hidden>
<p class="message" id="message"></p>
</div>
<form id="download-form">
<div id="password-box" hidden>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="off" maxlength="256">
</div>
<button id="download" type="submit">Download</button>
<p id="status" class="status" role="status" aria-live="polite"></p>
</form>
</section>
<noscript><p>This page needs JavaScript to fetch the file.</p></noscript>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;

const hashSource = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * Only the page's own style and script run; it may talk to this origin's API and nothing else,
 * cannot be framed, and (where Trusted Types exist) cannot turn a string into HTML at all.
 */
export const SHARE_PAGE_CSP = [
  "default-src 'none'",
  `script-src ${hashSource(SCRIPT)}`,
  `style-src ${hashSource(STYLE)}`,
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

const SHARE_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': SHARE_PAGE_CSP,
  // The token is in the path: it must not leave in a Referer (to the object store, say).
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'x-robots-tag': 'noindex, nofollow',
  'cross-origin-opener-policy': 'same-origin',
};

/** `/s/{token}`: one segment after `/s/`; the page itself tells a malformed token apart. */
export function isSharePagePath(path: string): boolean {
  return /^\/s\/[^/]+$/.test(path);
}

/** Answers the share page (GET, HEAD) or 405 for any other method. */
export function serveSharePage(
  req: IncomingMessage,
  res: ServerResponse,
  options: { corsOrigins: readonly string[] },
): void {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    return writeProblem(req, res, 'methodNotAllowed', `${method} is not allowed on a share page`, {
      corsOrigins: options.corsOrigins,
      headers: { allow: 'GET, HEAD' },
    });
  }
  req.resume();
  res.writeHead(200, {
    ...SHARE_PAGE_HEADERS,
    'content-length': Buffer.byteLength(SHARE_PAGE_HTML),
  });
  res.end(method === 'HEAD' ? undefined : SHARE_PAGE_HTML);
}
