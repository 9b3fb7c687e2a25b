import * as z from 'zod/mini';
import { awsCredentials, authFragment, httpFragment } from './fragments';
import { ConfigError, loadConfig } from './load-config';

const schema = z.object({ ...authFragment, NAME: z.string().check(z.minLength(1)) });

describe('loadConfig', () => {
  it('applies defaults and coerces numbers', () => {
    const config = loadConfig(schema, {
      AUTH_ENDPOINT: 'http://127.0.0.1:3100',
      NAME: 'x',
      AUTH_TIMEOUT_MS: '1500',
    });
    expect(config).toEqual({
      AUTH_ENDPOINT: 'http://127.0.0.1:3100',
      NAME: 'x',
      AUTH_TIMEOUT_MS: 1500,
      AUTH_CACHE_TTL_SECONDS: 60,
      AUTH_NEGATIVE_CACHE_TTL_SECONDS: 30,
      AUTH_LOOKUPS_PER_CLIENT_PER_MINUTE: 30,
    });
  });

  it('bounds the auth flood settings: a short negative cache (0 allowed), a positive allowance', () => {
    const base = { AUTH_ENDPOINT: 'http://127.0.0.1:3100', NAME: 'x' };
    expect(
      loadConfig(schema, {
        ...base,
        AUTH_NEGATIVE_CACHE_TTL_SECONDS: '0',
        AUTH_LOOKUPS_PER_CLIENT_PER_MINUTE: '120',
      }),
    ).toMatchObject({
      AUTH_NEGATIVE_CACHE_TTL_SECONDS: 0,
      AUTH_LOOKUPS_PER_CLIENT_PER_MINUTE: 120,
    });
    for (const [name, value] of [
      ['AUTH_NEGATIVE_CACHE_TTL_SECONDS', '301'],
      ['AUTH_NEGATIVE_CACHE_TTL_SECONDS', '-1'],
      ['AUTH_LOOKUPS_PER_CLIENT_PER_MINUTE', '0'],
      ['AUTH_LOOKUPS_PER_CLIENT_PER_MINUTE', '2.5'],
    ]) {
      expect(() => loadConfig(schema, { ...base, [name]: value })).toThrow(ConfigError);
    }
  });

  it('names every missing or bad variable, with the value it was given', () => {
    const error = (() => {
      try {
        loadConfig(schema, { AUTH_ENDPOINT: 'not a url', AUTH_CACHE_TTL_SECONDS: '-5' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^AUTH_ENDPOINT="not a url": /m);
    expect(problems).toMatch(/^AUTH_CACHE_TTL_SECONDS="-5": /m);
    expect(problems).toMatch(/^NAME: /m);
  });
});

describe('CORS_ORIGINS', () => {
  const http = z.object(httpFragment);

  it('is parsed into a list of origins, blanks and spaces dropped', () => {
    expect(
      loadConfig(http, { CORS_ORIGINS: ' https://app.example.com, ,http://127.0.0.1:4200 ' })
        .CORS_ORIGINS,
    ).toEqual(['https://app.example.com', 'http://127.0.0.1:4200']);
    expect(loadConfig(http, {}).CORS_ORIGINS).toEqual([
      'http://localhost:4200',
      'http://127.0.0.1:4200',
    ]);
  });

  it('refuses something that is not an origin, naming the variable', () => {
    expect(() =>
      loadConfig(http, { CORS_ORIGINS: 'https://ok.example.com,app.example.com/x' }),
    ).toThrow(
      /CORS_ORIGINS\.1="https:\/\/ok\.example\.com,app\.example\.com\/x": each origin must look like/,
    );
  });
});

describe('awsCredentials', () => {
  it('uses explicit credentials only when both parts are set', () => {
    expect(awsCredentials({})).toBeUndefined();
    expect(awsCredentials({ AWS_ACCESS_KEY_ID: 'a' })).toBeUndefined();
    expect(
      awsCredentials({
        AWS_ACCESS_KEY_ID: 'a',
        AWS_SECRET_ACCESS_KEY: 'b',
        AWS_SESSION_TOKEN: 'c',
      }),
    ).toEqual({
      accessKeyId: 'a',
      secretAccessKey: 'b',
      sessionToken: 'c',
    });
  });
});
