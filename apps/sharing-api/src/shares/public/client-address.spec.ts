import {
  accessClient,
  cappedUserAgent,
  coarseAddress,
  USER_AGENT_MAX_LENGTH,
} from './client-address';

describe('coarseAddress', () => {
  it.each([
    ['an IPv4 address to its /24', '203.0.113.77', '203.0.113.0'],
    ['an IPv6 address to its /48', '2001:db8:1:2:3:4:5:6', '2001:db8:1::'],
    ['a compressed IPv6 address', '2001:db8:abcd:12::5', '2001:db8:abcd::'],
    ['an IPv4-mapped IPv6 address as IPv4', '::ffff:203.0.113.77', '203.0.113.0'],
    ['an IPv4-mapped IPv6 address in hex', '::ffff:cb00:714d', '203.0.113.0'],
    ['loopback', '127.0.0.1', '127.0.0.0'],
    ['a scoped IPv6 address, dropping its zone', 'fe80::1:2%eth0', 'fe80::'],
  ])('truncates %s', (_, address, expected) => {
    expect(coarseAddress(address)).toBe(expected);
  });

  it.each([
    ['nothing', undefined],
    ['an empty string', ''],
    ['a host name', 'example.com'],
    ['a legacy IPv4 form', '127.1'],
  ])('answers undefined for %s', (_, address) => {
    expect(coarseAddress(address)).toBeUndefined();
  });
});

describe('cappedUserAgent', () => {
  it('keeps a user agent as sent', () => {
    expect(cappedUserAgent('Mozilla/5.0 (X11; Linux x86_64)')).toBe(
      'Mozilla/5.0 (X11; Linux x86_64)',
    );
  });

  it(`caps it at ${USER_AGENT_MAX_LENGTH} characters`, () => {
    expect(cappedUserAgent('a'.repeat(5000))).toHaveLength(USER_AGENT_MAX_LENGTH);
  });

  it('replaces control characters, and drops a blank one', () => {
    expect(cappedUserAgent('bad\u0007agent\u001b[31m')).toBe('bad agent [31m');
    expect(cappedUserAgent('  ')).toBeUndefined();
    expect(cappedUserAgent(undefined)).toBeUndefined();
  });
});

describe('accessClient', () => {
  it('reads req.ip, as the auth guard does, and never keeps the full address', () => {
    expect(
      accessClient({
        ip: '2001:db8:1:2::9',
        socket: { remoteAddress: '127.0.0.1' },
        headers: { 'user-agent': 'enclave-cli/1.0' },
      }),
    ).toEqual({ ip: '2001:db8:1::', user_agent: 'enclave-cli/1.0' });
  });

  it('falls back to the socket’s peer, and leaves out what it does not know', () => {
    expect(accessClient({ socket: { remoteAddress: '198.51.100.23' }, headers: {} })).toEqual({
      ip: '198.51.100.0',
    });
  });
});
