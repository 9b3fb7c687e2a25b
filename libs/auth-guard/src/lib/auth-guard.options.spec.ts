import { resolveAuthGuardOptions } from './auth-guard.options';

describe('resolveAuthGuardOptions', () => {
  it('applies the defaults: 3000 ms timeout, 60 s TTL, 10,000 entries, 30 s negative TTL, 30 look-ups a minute', () => {
    expect(resolveAuthGuardOptions({ endpoint: 'http://127.0.0.1:3100' })).toEqual({
      endpoint: 'http://127.0.0.1:3100',
      timeoutMs: 3000,
      cacheTtlSeconds: 60,
      cacheMaxEntries: 10_000,
      negativeCacheTtlSeconds: 30,
      lookupsPerClientPerMinute: 30,
    });
  });

  it('takes 0 as "no negative cache" but never a zero look-up allowance', () => {
    expect(
      resolveAuthGuardOptions({ endpoint: 'http://a', negativeCacheTtlSeconds: 0 })
        .negativeCacheTtlSeconds,
    ).toBe(0);
    expect(() =>
      resolveAuthGuardOptions({ endpoint: 'http://a', lookupsPerClientPerMinute: 2.5 }),
    ).toThrow(/lookupsPerClientPerMinute must be a positive integer/);
  });

  it('strips trailing slashes from the endpoint and keeps a base path', () => {
    const resolved = resolveAuthGuardOptions({ endpoint: 'https://auth.example.com/prod//' });
    expect(resolved.endpoint).toBe('https://auth.example.com/prod');
  });

  it('keeps a non-empty api key and drops an empty one', () => {
    expect(resolveAuthGuardOptions({ endpoint: 'http://a', apiKey: 'k' }).apiKey).toBe('k');
    expect(resolveAuthGuardOptions({ endpoint: 'http://a', apiKey: '' })).not.toHaveProperty(
      'apiKey',
    );
  });

  it('fails at start, naming every bad option', () => {
    expect(() =>
      resolveAuthGuardOptions({
        endpoint: 'not a url',
        timeoutMs: 0,
        cacheTtlSeconds: -1,
        cacheMaxEntries: 1.5,
        negativeCacheTtlSeconds: -1,
        lookupsPerClientPerMinute: 0,
      }),
    ).toThrow(
      /endpoint is not a URL.*timeoutMs.*cacheTtlSeconds.*cacheMaxEntries.*negativeCacheTtlSeconds.*lookupsPerClientPerMinute/,
    );
    expect(() => resolveAuthGuardOptions({ endpoint: 'ftp://auth' })).toThrow(/http\(s\)/);
  });
});
