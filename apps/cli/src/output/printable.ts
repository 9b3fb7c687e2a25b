// C0 and C1 control characters (ESC among them) but not tab or line feed.
// eslint-disable-next-line no-control-regex -- exactly what is replaced
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Text someone else wrote (a shared file's name, a share's message), safe to print on a
 * terminal: control characters could otherwise move the cursor or rewrite what is shown.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, '?');
}
