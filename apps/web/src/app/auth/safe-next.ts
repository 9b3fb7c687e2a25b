/** Where to go after sign-in: `next` only when it is a path of this site (no open redirect). */
export function safeNext(next: string | undefined, fallback = '/files'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return fallback;
  return next;
}
