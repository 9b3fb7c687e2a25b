import { ProblemException } from '@enclave/errors';
import { ContractValidator, type RequestInput } from './contract-validator';

const USER = 'f3b1c2d4-0000-4000-8000-000000000001';
const FILE = '019a5f4e-7c2b-7d3e-8f00-123456789abc';
const validator = new ContractValidator();

function createFile(body: unknown, hasBody = true): RequestInput {
  return { params: { user_id: USER }, query: {}, body, hasBody };
}

function problemOf(operationId: string, input: RequestInput): ProblemException {
  try {
    validator.validate(operationId, input);
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
  throw new Error('expected a validation problem');
}

function fieldErrors(operationId: string, input: RequestInput): Record<string, string> {
  const problem = problemOf(operationId, input).problem;
  expect(problem.status).toBe(400);
  return Object.fromEntries((problem.errors ?? []).map((e) => [e.field, e.message]));
}

describe('ContractValidator', () => {
  it('accepts a valid create request and fills in the default content type', () => {
    const input = validator.validate(
      'createFile',
      createFile({ file_name: 'report.pdf', size: 12 }),
    );
    expect(input.body).toEqual({
      file_name: 'report.pdf',
      size: 12,
      content_type: 'application/octet-stream',
    });
  });

  it('accepts names with spaces, dots and non-ASCII characters', () => {
    for (const file_name of ['my report..final.pdf', '.bashrc', 'résumé 日本語 🚀.txt', '...']) {
      expect(() =>
        validator.validate('createFile', createFile({ file_name, size: 1 })),
      ).not.toThrow();
    }
  });

  it.each([
    ['missing', { size: 1 }, 'is required'],
    ['empty', { file_name: '', size: 1 }, 'must not be empty'],
    ['a slash', { file_name: 'a/b.txt', size: 1 }, "must not contain '/'"],
    ['a backslash', { file_name: 'a\\b.txt', size: 1 }, "must not contain '/'"],
    ['dot-dot', { file_name: '..', size: 1 }, "must not be '.' or '..'"],
    ['dot', { file_name: '.', size: 1 }, "must not be '.' or '..'"],
    ['a traversal', { file_name: '../etc/passwd', size: 1 }, "must not contain '/'"],
    ['NUL', { file_name: 'a\u0000b', size: 1 }, 'control characters'],
    ['a newline', { file_name: 'a\nb', size: 1 }, 'control characters'],
    ['DEL', { file_name: 'a\u007fb', size: 1 }, 'control characters'],
    ['a C1 control', { file_name: 'a\u0085b', size: 1 }, 'control characters'],
    ['a line separator', { file_name: 'a\u2028b', size: 1 }, 'control characters'],
    ['a lone surrogate', { file_name: 'a\ud83db', size: 1 }, 'well-formed Unicode'],
    ['a right-to-left override', { file_name: 'invoice\u202efdp.exe', size: 1 }, 'bidirectional'],
    ['an isolate', { file_name: '\u2066a\u2069', size: 1 }, 'bidirectional'],
    ['not a string', { file_name: 42, size: 1 }, 'must be a string'],
  ])('rejects a file name that is %s', (_, body, message) => {
    expect(fieldErrors('createFile', createFile(body))['body.file_name']).toContain(message);
  });

  it('counts the 1024-byte name limit in UTF-8 bytes, not characters', () => {
    expect(() =>
      validator.validate('createFile', createFile({ file_name: 'a'.repeat(1024), size: 1 })),
    ).not.toThrow();
    expect(
      fieldErrors('createFile', createFile({ file_name: 'a'.repeat(1025), size: 1 }))[
        'body.file_name'
      ],
    ).toBe('must be at most 1024 characters');
    // 400 characters of 3 bytes each: within 1024 characters, over 1024 bytes.
    expect(
      fieldErrors('createFile', createFile({ file_name: '日'.repeat(400), size: 1 }))[
        'body.file_name'
      ],
    ).toBe('must be at most 1024 bytes of UTF-8');
  });

  it.each([
    ['negative', -1, 'must be at least 0'],
    ['fractional', 1.5, 'must be a whole number'],
    ['absurd', 1e30, 'must be at most 5497558138880'],
    ['a string', '12', 'must be a whole number'],
    ['missing', undefined, 'is required'],
  ])('rejects a size that is %s', (_, size, message) => {
    expect(fieldErrors('createFile', createFile({ file_name: 'a.txt', size }))['body.size']).toBe(
      message,
    );
  });

  it('rejects unknown body fields by name', () => {
    expect(
      fieldErrors('createFile', createFile({ file_name: 'a', size: 1, owner: 'x' }))['body.owner'],
    ).toBe('is not a known field');
  });

  it('rejects a malformed content type and checksum', () => {
    const errors = fieldErrors(
      'createFile',
      createFile({ file_name: 'a', size: 1, content_type: 'nope', sha256: 'xyz' }),
    );
    expect(errors['body.content_type']).toContain('must be a media type (RFC 9110)');
    expect(errors['body.sha256']).toContain('64 hexadecimal');
  });

  it.each([
    'text/plain; charset="日"',
    'text/plain; charset="\u00e9"',
    'text/plain\r\nX-Injected: 1',
    'text/plain;',
    'text/plain; charset',
    ' text/plain',
  ])('rejects the content type %j', (content_type) => {
    expect(
      fieldErrors('createFile', createFile({ file_name: 'a', size: 1, content_type }))[
        'body.content_type'
      ],
    ).toContain('media type');
  });

  it.each([
    'text/plain',
    'text/plain; charset=utf-8',
    'text/plain;charset="utf-8"',
    'multipart/mixed; boundary="a b=c"',
    "application/vnd.ms-excel.sheet.macroEnabled.12; x!#$%&'*+.^_`|~=y",
  ])('accepts the content type %j', (content_type) => {
    expect(() =>
      validator.validate('createFile', createFile({ file_name: 'a', size: 1, content_type })),
    ).not.toThrow();
  });

  it('requires a body where the contract does, and names it', () => {
    expect(fieldErrors('createFile', createFile(undefined, false))['body']).toContain(
      'is required',
    );
    expect(fieldErrors('createFile', createFile([1, 2]))['body']).toBe('must be a JSON object');
  });

  it('lists every problem, and the detail names the first', () => {
    const problem = problemOf(
      'createFile',
      createFile({ file_name: '', size: -1, extra: 1 }),
    ).problem;
    expect(problem.errors).toHaveLength(3);
    expect(problem.detail).toMatch(/^body\.\w+ .+ \(and 2 more\)\.$/);
    expect(problem.type).toBe('urn:enclave:problem:validation');
  });

  it('rejects a malformed file id in the path', () => {
    for (const file_id of ['123', 'not-a-uuid', FILE.toUpperCase(), `${FILE}x`]) {
      const errors = fieldErrors('getFile', {
        params: { user_id: USER, file_id },
        query: {},
        body: undefined,
        hasBody: false,
      });
      expect(errors['path.file_id']).toBe('is not in the expected format');
    }
  });

  it('coerces and bounds query parameters', () => {
    const params = { user_id: USER };
    expect(
      validator.validate('listFiles', {
        params,
        query: { limit: '25' },
        body: undefined,
        hasBody: false,
      }).query,
    ).toEqual({
      limit: 25,
    });
    expect(
      validator.validate('listFiles', { params, query: {}, body: undefined, hasBody: false }).query,
    ).toEqual({ limit: 100 });
    for (const limit of ['0', '1001', 'ten', '2.5']) {
      const errors = fieldErrors('listFiles', {
        params,
        query: { limit },
        body: undefined,
        hasBody: false,
      });
      expect(errors['query.limit']).toBeDefined();
    }
    const errors = fieldErrors('getDownloadUrl', {
      params: { user_id: USER, file_id: FILE },
      query: { disposition: 'evil' },
      body: undefined,
      hasBody: false,
    });
    expect(errors['query.disposition']).toBe('must be one of: attachment, inline');
  });

  it('rejects a body on an operation that takes none', () => {
    const errors = fieldErrors('getFile', {
      params: { user_id: USER, file_id: FILE },
      query: {},
      body: { a: 1 },
      hasBody: true,
    });
    expect(errors['body']).toBe('must be empty for this operation');
  });

  it('accepts complete with no body, and checks its parts when given', () => {
    const params = { user_id: USER, file_id: FILE };
    expect(() =>
      validator.validate('completeFile', { params, query: {}, body: undefined, hasBody: false }),
    ).not.toThrow();
    const errors = fieldErrors('completeFile', {
      params,
      query: {},
      body: { parts: [{ part_number: 0, etag: 'x' }] },
      hasBody: true,
    });
    expect(errors['body.parts.0.part_number']).toBe('must be at least 1');
  });

  it('refuses unknown operations, and a service validates only its own', () => {
    expect(() => validator.validate('noSuchOperation', createFile({}))).toThrow(
      /no operation noSuchOperation/,
    );
    const uploads = new ContractValidator('uploads');
    expect(() =>
      uploads.validate('createFile', createFile({ file_name: 'a', size: 1 })),
    ).not.toThrow();
    expect(() =>
      uploads.validate('revokeShare', { params: {}, query: {}, body: undefined, hasBody: false }),
    ).toThrow('revokeShare belongs to the sharing service, not uploads');
  });
});
