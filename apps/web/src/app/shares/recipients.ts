import { MAX_RECIPIENTS } from './share-limits';

// ajv-formats' `email` (the server's check), plus the contract's 3–254 characters.
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

export function isEmailAddress(text: string): boolean {
  return text.length >= 3 && text.length <= 254 && EMAIL.test(text);
}

export type RecipientParse = { ok: true; recipients: string[] } | { ok: false; error: string };

/**
 * What a person typed in the "To" box, as the request's `share_with`: separated by commas,
 * semicolons or white space, duplicates dropped (the contract wants unique items).
 */
export function parseRecipients(text: string): RecipientParse {
  const seen = new Set<string>();
  const recipients: string[] = [];
  for (const item of text.split(/[\s,;]+/)) {
    if (item === '' || seen.has(item.toLowerCase())) continue;
    seen.add(item.toLowerCase());
    recipients.push(item);
  }
  if (recipients.length === 0) return { ok: false, error: 'Enter at least one e-mail address.' };
  const invalid = recipients.filter((r) => !isEmailAddress(r));
  if (invalid.length > 0) {
    const list = invalid.join(', ');
    return {
      ok: false,
      error:
        invalid.length === 1
          ? `${list} is not a valid e-mail address.`
          : `These are not valid e-mail addresses: ${list}.`,
    };
  }
  if (recipients.length > MAX_RECIPIENTS) {
    return {
      ok: false,
      error: `At most ${MAX_RECIPIENTS} recipients at a time (you entered ${recipients.length}).`,
    };
  }
  return { ok: true, recipients };
}
