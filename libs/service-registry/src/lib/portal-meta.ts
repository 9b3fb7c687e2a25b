/**
 * The `<meta name>`s the portal reads at start for its API addresses
 * (apps/web/src/app/core/build-settings.ts), so one build serves whatever hosts it is given.
 */
export const PORTAL_META = { authUrl: 'enclave-auth-url', fileUrl: 'enclave-file-url' } as const;

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * index.html with `<meta name content>` tags put before its head closes (or in front, if it has
 * no head). Names and contents are escaped, so a setting can never open a tag of its own. The
 * local static site serves it per request; the deploy uploads it once.
 */
export function withMetaTags(html: string, meta: Readonly<Record<string, string>>): string {
  const tags = Object.entries(meta)
    .map(
      ([name, content]) =>
        `<meta name="${escapeAttribute(name)}" content="${escapeAttribute(content)}">`,
    )
    .join('');
  if (!tags) return html;
  // A replacer function, so `$&` and friends in a setting are taken literally.
  return html.includes('</head>') ? html.replace('</head>', () => `${tags}</head>`) : tags + html;
}
