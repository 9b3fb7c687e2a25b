import { isIPv6 } from 'node:net';

/** What the guard needs of a request to tell clients apart. */
export interface AddressedRequest {
  /** Express's client address: the socket peer, or what `trust proxy` lets it read from XFF. */
  ip?: string | undefined;
  socket?: { remoteAddress?: string | undefined };
}

/**
 * The key one client's look-ups are counted under: its IPv4 address, or the /64 network of its
 * IPv6 address (one subscriber usually holds a whole /64, so counting single IPv6 addresses would
 * let one client rotate through billions of keys). Which address `req.ip` is depends on the app's
 * `trust proxy` setting; on Lambda, serverless-express sets it from API Gateway's `sourceIp`.
 */
export function clientKey(request: AddressedRequest): string {
  const address = request.ip || request.socket?.remoteAddress;
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, `::` expanded, zone id dropped. */
function ipv6Groups(address: string): string[] {
  const [head, tail] = address.split('%')[0].toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map(
    (group) => group.replace(/^0+(?=.)/, '') || '0',
  );
}
