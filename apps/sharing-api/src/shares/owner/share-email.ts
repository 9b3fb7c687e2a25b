import type { Mail } from '@enclave/mailer';

/** What one recipient's e-mail says. Every value is untrusted text until escaped here. */
export interface ShareEmail {
  to: string;
  /** The owner's name as the auth service knows it (or their address). */
  senderName: string;
  /** The owner's address, for replies; dropped unless it is one plain mailbox. */
  replyTo?: string;
  fileName: string;
  size: number;
  /** ISO-8601. */
  expiresAt: string;
  url: string;
  message?: string;
}

/** The longest subject we send; past it, mail clients cut it anyway. */
const SUBJECT_MAX = 200;

// Control characters (CR and LF above all: header injection), line/paragraph separators and
// bidirectional controls (which can make a name read as another) never reach a header or line.
const UNSAFE_IN_A_LINE = /[\p{Cc}\u2028\u2029\p{Bidi_Control}]+/gu;
// The message may keep its line breaks and tabs; nothing else invisible.
const UNSAFE_IN_A_MESSAGE = /(?![\t\n\r])[\p{Cc}\p{Bidi_Control}]/gu;
const PLAIN_MAILBOX = /^[^\s\p{Cc}@<>,;:"()[\]\\]+@[^\s\p{Cc}@<>,;:"()[\]\\]+$/u;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Text fit for one line of a header or body: unsafe characters become spaces, runs collapse. */
export function oneLine(text: string): string {
  return text.replace(UNSAFE_IN_A_LINE, ' ').replace(/\s+/g, ' ').trim();
}

/** A subject line: one line, at most SUBJECT_MAX characters. */
export function subjectLine(text: string): string {
  const line = [...oneLine(text)];
  return line.length <= SUBJECT_MAX ? line.join('') : `${line.slice(0, SUBJECT_MAX - 1).join('')}…`;
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 → "1.5 KB" (binary multiples, as file managers show them); 1 → "1 byte". */
export function humanSize(bytes: number): string {
  if (bytes === 1) return '1 byte';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${bytes} bytes`;
  const rounded = value >= 100 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, '');
  return `${rounded} ${UNITS[unit]}`;
}

/** "Tue, 03 Jun 2025 14:00:00 GMT": unambiguous wherever the recipient reads it. */
function readableTime(iso: string): string {
  return new Date(iso).toUTCString();
}

/** The e-mail that hands one recipient their link, as plain text and as HTML. */
export function composeShareEmail(share: ShareEmail): Mail {
  const sender = oneLine(share.senderName) || 'An Enclave user';
  const fileName = oneLine(share.fileName);
  const size = humanSize(share.size);
  const expires = readableTime(share.expiresAt);
  const message = share.message?.replace(UNSAFE_IN_A_MESSAGE, '').trim() || undefined;
  const replyTo =
    share.replyTo !== undefined && PLAIN_MAILBOX.test(share.replyTo) ? share.replyTo : undefined;

  const text = [
    `${sender} shared a file with you on Enclave.`,
    '',
    `File: ${fileName} (${size})`,
    `Open it here: ${share.url}`,
    `The link works until ${expires}.`,
    ...(message ? ['', `Message from ${sender}:`, message] : []),
    '',
    'If you did not expect this, you can ignore this e-mail.',
    '',
  ].join('\n');

  const html = [
    '<!DOCTYPE html>',
    '<html><body style="font-family: sans-serif; line-height: 1.5;">',
    `<p><strong>${escapeHtml(sender)}</strong> shared a file with you on Enclave.</p>`,
    `<p>File: <strong>${escapeHtml(fileName)}</strong> (${escapeHtml(size)})</p>`,
    `<p><a href="${escapeHtml(share.url)}">Open the file</a></p>`,
    `<p>The link works until ${escapeHtml(expires)}.</p>`,
    ...(message
      ? [
          `<p>Message from ${escapeHtml(sender)}:</p>`,
          `<blockquote style="white-space: pre-wrap;">${escapeHtml(message)}</blockquote>`,
        ]
      : []),
    '<p style="color: #666;">If you did not expect this, you can ignore this e-mail.</p>',
    '</body></html>',
    '',
  ].join('\n');

  return {
    to: share.to,
    ...(replyTo ? { replyTo } : {}),
    subject: subjectLine(`${sender} shared “${fileName}” with you`),
    text,
    html,
  };
}
