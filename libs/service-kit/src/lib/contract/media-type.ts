import { parse } from 'content-type';

/** Printable ASCII only: a header value S3 signs and a browser reads back byte for byte. */
const PRINTABLE_ASCII = /^[\x20-\x7E]+$/;

/**
 * Whether `value` is an RFC 9110 media type (`type/subtype *( ; name=value )`), as the contract's
 * `format: media-type` requires. The `content-type` package does the grammar; it also accepts
 * obs-text (bytes 0x80–0xFF) in quoted strings and trims outer spaces, which a header we sign
 * and later send back must not have, so those are refused here.
 */
export function isMediaType(value: string): boolean {
  if (!PRINTABLE_ASCII.test(value) || value.trim() !== value) return false;
  try {
    parse(value);
    return true;
  } catch {
    return false;
  }
}
