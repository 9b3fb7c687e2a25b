import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

// Headers that describe one connection, not the message (RFC 9110 §7.6.1). A proxy re-frames the
// message on its own connection, so these are dropped; `expect` too, because the proxy's server
// already answered the client's 100-continue.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
]);

/** A copy of `headers` without hop-by-hop headers, ready for the next hop. */
export function endToEndHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const result: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) result[name] = value;
  }
  return result;
}
