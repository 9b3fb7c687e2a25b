import { clientKey } from './client-address';

describe('clientKey', () => {
  it('is the IPv4 address from req.ip, else from the socket', () => {
    expect(clientKey({ ip: '203.0.113.7' })).toBe('203.0.113.7');
    expect(clientKey({ socket: { remoteAddress: '198.51.100.2' } })).toBe('198.51.100.2');
  });

  it('unwraps IPv4-mapped IPv6 addresses, so one client has one key on dual-stack sockets', () => {
    expect(clientKey({ ip: '::ffff:203.0.113.7' })).toBe('203.0.113.7');
    expect(clientKey({ ip: '::FFFF:127.0.0.1' })).toBe('127.0.0.1');
  });

  it('counts an IPv6 client by its /64, however the address is written', () => {
    const key = clientKey({ ip: '2001:db8:0:1::1' });
    expect(key).toBe('2001:db8:0:1::/64');
    expect(clientKey({ ip: '2001:0DB8:0000:0001:ffff:1:2:3' })).toBe(key);
    expect(clientKey({ ip: '2001:db8::1:0:0:0:9' })).toBe('2001:db8:0:1::/64');
    expect(clientKey({ ip: 'fe80::1%eth0' })).toBe('fe80:0:0:0::/64');
    expect(clientKey({ ip: '::1' })).toBe('0:0:0:0::/64');
    expect(clientKey({ ip: '2001:db8:0:2::1' })).not.toBe(key);
  });

  it("is 'unknown' when the request carries no address", () => {
    expect(clientKey({})).toBe('unknown');
    expect(clientKey({ ip: '', socket: {} })).toBe('unknown');
  });
});
