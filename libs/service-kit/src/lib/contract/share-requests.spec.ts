import { ProblemException } from '@enclave/errors';
import { ContractValidator, type RequestInput } from './contract-validator';

const USER = 'f3b1c2d4-0000-4000-8000-000000000001';
const FILE = '019a5f4e-7c2b-7d3e-8f00-123456789abc';
const SHARE = '019a5f4e-7c2b-7d3e-8f00-123456789abd';
const validator = new ContractValidator();

const share = (body: unknown): RequestInput => ({
  params: { user_id: USER, file_id: FILE },
  query: {},
  body,
  hasBody: true,
});

function fieldErrors(operationId: string, input: RequestInput): Record<string, string> {
  try {
    validator.validate(operationId, input);
  } catch (error) {
    if (!(error instanceof ProblemException)) throw error;
    expect(error.problem.status).toBe(400);
    return Object.fromEntries((error.problem.errors ?? []).map((e) => [e.field, e.message]));
  }
  throw new Error('expected a validation problem');
}

describe('sharing requests, as the contract checks them', () => {
  it.each([
    'a@x.com\r\nBcc: victim@y.com',
    'Eve <eve@x.com>',
    'a@x.com, b@y.com',
    'a@x.com;b@y.com',
    '"quoted"@x.com',
    'no-at-sign',
    'a @x.com',
  ])('refuses the address %j, naming it', (address) => {
    const errors = fieldErrors('shareFileByEmail', share({ share_with: ['ok@x.com', address] }));
    expect(errors['body.share_with.1']).toBe(
      `${JSON.stringify(address)} is not a valid e-mail address`,
    );
  });

  it('accepts plain addresses, at most 20 and no repeats', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `person.${i}+tag@mail.example.org`);
    expect(() =>
      validator.validate('shareFileByEmail', share({ share_with: twenty })),
    ).not.toThrow();
    expect(
      fieldErrors('shareFileByEmail', share({ share_with: [...twenty, 'one@more.org'] }))[
        'body.share_with'
      ],
    ).toBe('must have at most 20 items');
    expect(
      fieldErrors('shareFileByEmail', share({ share_with: ['a@x.org', 'a@x.org'] }))[
        'body.share_with'
      ],
    ).toBe('must not contain duplicates');
  });

  it('caps the message and refuses control characters in it, but keeps line breaks', () => {
    const ok = share({ share_with: ['a@x.org'], message: 'Hi,\r\n\there it is.' });
    expect(() => validator.validate('shareFileByEmail', ok)).not.toThrow();
    expect(
      fieldErrors(
        'shareFileByEmail',
        share({ share_with: ['a@x.org'], message: 'x'.repeat(2001) }),
      )['body.message'],
    ).toBe('must be at most 2000 characters');
    expect(
      fieldErrors('shareFileByEmail', share({ share_with: ['a@x.org'], message: 'bell\u0007' }))[
        'body.message'
      ],
    ).toContain('control characters');
  });

  it('bounds a link’s lifetime and download limit', () => {
    const errors = fieldErrors('createShareLink', share({ expires_in: 10, max_downloads: 0 }));
    expect(errors['body.expires_in']).toBe('must be at least 60');
    expect(errors['body.max_downloads']).toBe('must be at least 1');
  });

  it('wants at least one change in an update, and allows removing the download limit', () => {
    const update = (body: unknown): RequestInput => ({
      params: { user_id: USER, share_id: SHARE },
      query: {},
      body,
      hasBody: true,
    });
    expect(fieldErrors('updateShare', update({}))['body']).toBe('must name at least 1 field(s)');
    expect(() => validator.validate('updateShare', update({ max_downloads: null }))).not.toThrow();
  });
});
