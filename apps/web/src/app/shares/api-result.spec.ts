import { fieldErrorsOf, type FetchOutcome, parseRetryAfter, settle } from './api-result';

function answer<T>(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): FetchOutcome<T> {
  const ok = status < 400;
  return {
    ...(ok ? { data: body as T } : { error: body }),
    response: { ok, status, headers: { get: (name: string) => headers[name] ?? null } },
  };
}

describe('settle', () => {
  it('passes an answer through', async () => {
    expect(await settle(Promise.resolve(answer(200, { a: 1 })))).toEqual({
      ok: true,
      data: { a: 1 },
    });
  });

  it('keeps a problem and its Retry-After', async () => {
    const problem = { type: 'x', title: 'Too Many Requests', status: 429, detail: 'later' };
    expect(await settle(Promise.resolve(answer(429, problem, { 'retry-after': '120' })))).toEqual({
      ok: false,
      problem,
      retryAfterSeconds: 120,
    });
  });

  it('turns an error body that is no problem into one with the status', async () => {
    const result = await settle(Promise.resolve(answer(502, 'Bad Gateway')));
    expect(result).toEqual({
      ok: false,
      problem: {
        type: 'about:blank',
        title: 'Something went wrong',
        status: 502,
        detail: 'The service could not do this right now; try again shortly.',
      },
    });
  });

  it('turns a network failure into a problem instead of rejecting', async () => {
    const result = await settle(Promise.reject(new TypeError('Failed to fetch')));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.status).toBe(0);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2030-01-01T00:00:00Z');

  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:02:00 GMT', now)).toBe(120);
  });

  it('gives nothing for a missing or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('fieldErrorsOf', () => {
  it('keys each error by the form field it names, first one winning', () => {
    expect(
      fieldErrorsOf({
        type: 'x',
        title: 'Bad Request',
        status: 400,
        detail: 'bad',
        errors: [
          { field: 'body.share_with.2', message: 'c is not a valid e-mail address' },
          { field: 'body.share_with', message: 'must not contain duplicates' },
          { field: 'body.message', message: 'must be at most 2000 characters' },
        ],
      }),
    ).toEqual({
      share_with: 'c is not a valid e-mail address',
      message: 'must be at most 2000 characters',
    });
  });
});
