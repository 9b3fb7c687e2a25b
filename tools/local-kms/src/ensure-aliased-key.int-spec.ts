import { ensureAliasedKey, type RunningKms, startLocalKms } from './index';

let kms: RunningKms;

beforeAll(async () => {
  kms = await startLocalKms();
});

afterAll(async () => {
  await kms?.stop();
});

describe('ensureAliasedKey', () => {
  it('makes a key once under its alias and finds it again on every later start', async () => {
    const first = await ensureAliasedKey(kms.endpoint, 'alias/enclave/local/shared');
    const again = await ensureAliasedKey(kms.endpoint, 'alias/enclave/local/shared');
    expect(first).toMatch(/^arn:aws:kms:us-east-1:\d{12}:key\//);
    expect(again).toBe(first);
    expect(kms.calls('CreateKey')).toBe(1);
    expect(kms.keys().map((key) => key.Arn)).toEqual([first]);
  });
});
