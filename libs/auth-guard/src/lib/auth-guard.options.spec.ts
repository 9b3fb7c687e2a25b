import { resolveAuthGuardOptions } from './auth-guard.options';

describe('resolveAuthGuardOptions', () => {
  it('applies the defaults: 3000 ms timeout, 60 s TTL, 10,000 entries', () => {
    expect(resolveAuthGuardOptions({ endpoint: 'http://127.0.0.1:3100' })).toEqual({
      endpoint: 'http://127.0.0.1:3100',
      timeoutMs: 3000,
      cacheTtlSeconds: 60,
      cacheMaxEntries: 10_000,
    });
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
      }),
    ).toThrow(/endpoint is not a URL.*timeoutMs.*cacheTtlSeconds.*cacheMaxEntries/);
    expect(() => resolveAuthGuardOptions({ endpoint: 'ftp://auth' })).toThrow(/http\(s\)/);
  });
});
