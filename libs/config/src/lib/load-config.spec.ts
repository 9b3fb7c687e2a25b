import { z } from 'zod';
import { awsCredentials, authFragment } from './fragments';
import { ConfigError, loadConfig } from './load-config';

const schema = z.object({ ...authFragment, NAME: z.string().min(1) });

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
    });
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
