import { ProblemException } from '@enclave/errors';
import { bodyProblem, exceedsJsonDepth, MAX_JSON_DEPTH } from './json-body';

const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

function problemOf(error: unknown, contentEncoding?: string): ProblemException {
  const mapped = bodyProblem(error, {
    headers: contentEncoding ? { 'content-encoding': contentEncoding } : {},
  });
  if (!(mapped instanceof ProblemException)) throw new Error('expected a problem');
  return mapped;
}

/** What body-parser hands on: http-errors fields on the original error. */
const bodyParserError = (fields: Record<string, unknown>, error = new Error('x')): Error =>
  Object.assign(error, { expose: true, ...fields });

describe('exceedsJsonDepth', () => {
  it('counts each array or object as a level, scalars as none', () => {
    expect(exceedsJsonDepth(1, 0)).toBe(false);
    expect(exceedsJsonDepth(null, 0)).toBe(false);
    expect(exceedsJsonDepth([], 0)).toBe(true);
    expect(exceedsJsonDepth({ a: [1, { b: 'x' }] }, 3)).toBe(false);
    expect(exceedsJsonDepth({ a: [1, { b: [] }] }, 3)).toBe(true);
  });

  it('allows the limit and refuses one level more', () => {
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(exceedsJsonDepth(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
  });

  it('walks a million levels without overflowing the stack', () => {
    expect(exceedsJsonDepth(nested(1_000_000), MAX_JSON_DEPTH)).toBe(true);
  });

  it('finds a deep branch beside shallow ones', () => {
    expect(exceedsJsonDepth({ a: 1, b: [2, 3], c: { d: nested(40) } }, MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('bodyProblem', () => {
  it('names invalid JSON as the body field', () => {
    const error = bodyParserError({ status: 400, type: 'entity.parse.failed' }, new SyntaxError());
    expect(problemOf(error).problem).toMatchObject({
      status: 400,
      detail: 'The request body is not valid JSON.',
      errors: [{ field: 'body', message: 'is not valid JSON' }],
    });
  });

  it('answers 413 for a body over the limit, 415 for an encoding or charset it cannot read', () => {
    expect(
      problemOf(bodyParserError({ status: 413, type: 'entity.too.large' })).problem,
    ).toMatchObject({ status: 413, detail: expect.stringMatching(/too large/) });
    const encoding = bodyParserError({ status: 415, type: 'encoding.unsupported' });
    expect(problemOf(encoding, 'Compress').problem).toMatchObject({
      status: 415,
      detail: expect.stringMatching(/^Content-Encoding "compress" is not supported/),
    });
    const charset = bodyParserError({
      status: 415,
      type: 'charset.unsupported',
      charset: 'latin1',
    });
    expect(problemOf(charset).problem).toMatchObject({
      status: 415,
      detail: expect.stringMatching(/^Charset "latin1" is not supported/),
    });
  });

  it('names a body its Content-Encoding cannot decode, without zlib’s words', () => {
    const zlib = bodyParserError(
      { status: 400, code: 'Z_DATA_ERROR' },
      new Error('incorrect header check'),
    );
    expect(problemOf(zlib, 'gzip').problem).toMatchObject({
      status: 400,
      detail: 'The request body could not be decoded as gzip (its Content-Encoding).',
    });
  });

  it('passes on anything else for the problem filter to judge', () => {
    const bug = new TypeError('not a body error');
    expect(bodyProblem(bug, { headers: {} })).toBe(bug);
  });
});
