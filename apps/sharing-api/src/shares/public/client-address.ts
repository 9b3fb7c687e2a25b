import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

/** The longest user agent an access-log entry keeps: enough to tell browsers apart. */
export const USER_AGENT_MAX_LENGTH = 256;

/** What a share's access log may say about who used it. */
export interface AccessClient {
  ip?: string;
  user_agent?: string;
}

/** The parts of an Express request the access log reads. */
export interface ClientRequest {
  /** The client, as `trust proxy` resolves it (on Lambda, serverless-express sets it). */
  ip?: string | undefined;
  socket?: { remoteAddress?: string | undefined };
  headers: { 'user-agent'?: string | undefined };
}

/**
 * The address's network, never the address: IPv4 to its /24 (`203.0.113.0`), IPv6 to its /48
 * (`2001:db8:1::`), IPv4-mapped IPv6 as the IPv4 it carries. Undefined for anything that is not
 * an IP address.
 */
export function coarseAddress(address: string | undefined): string | undefined {
  // node:net is strict; ipaddr.js alone would also take legacy forms such as `127.1`.
  if (!address || isIP(address) === 0) return undefined;
  const parsed = ipaddr.process(address);
  const bytes = parsed.toByteArray();
  bytes.fill(0, parsed.kind() === 'ipv4' ? 3 : 6);
  return ipaddr.fromByteArray(bytes).toString();
}

/** The user agent, capped and without control characters (the owner reads it in a terminal). */
export function cappedUserAgent(userAgent: string | undefined): string | undefined {
  // eslint-disable-next-line no-control-regex
  const clean = userAgent?.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
  return clean ? clean.slice(0, USER_AGENT_MAX_LENGTH) : undefined;
}

/**
 * Who is using a share, as coarsely as the log keeps it. The address comes from where the auth
 * guard reads it (libs/auth-guard's clientKey): `req.ip`, else the socket's peer.
 */
export function accessClient(request: ClientRequest): AccessClient {
  const ip = coarseAddress(request.ip || request.socket?.remoteAddress);
  const userAgent = cappedUserAgent(request.headers['user-agent']);
  return {
    ...(ip !== undefined ? { ip } : {}),
    ...(userAgent !== undefined ? { user_agent: userAgent } : {}),
  };
}
