import { ApiError } from '@enclave/upload-client';
import { answerOf, RetryLaterError } from './api-answer';

const problem = (status: number) => ({
  type: 'urn:enclave:problem:x',
  title: 'x',
  status,
  detail: `problem ${status}`,
});

const answer = (status: number, headers: Record<string, string> = {}) =>
  Promise.resolve({
    error: problem(status),
    response: new Response(null, { status, headers }),
  });

describe('answerOf', () => {
  it('answers the data of a 2xx', async () => {
    await expect(
      answerOf(
        'op',
        Promise.resolve({ data: { ok: 1 }, response: new Response(null, { status: 201 }) }),
      ),
    ).resolves.toEqual({ ok: 1 });
  });

  it('throws an ApiError with the problem body', async () => {
    const error = await answerOf('getPublicShare', answer(410)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 410, problem: { detail: 'problem 410' } });
  });

  it('keeps Retry-After of a 429, in seconds or as a date', async () => {
    const seconds = await answerOf('op', answer(429, { 'retry-after': '120' })).catch(
      (e: unknown) => e,
    );
    expect(seconds).toBeInstanceOf(RetryLaterError);
    expect(seconds).toMatchObject({ status: 429, retryAfterSeconds: 120 });

    const at = new Date(Date.now() + 60_000).toUTCString();
    const dated = (await answerOf('op', answer(429, { 'retry-after': at })).catch(
      (e: unknown) => e,
    )) as RetryLaterError;
    expect(dated.retryAfterSeconds).toBeGreaterThanOrEqual(58);
    expect(dated.retryAfterSeconds).toBeLessThanOrEqual(60);

    const none = await answerOf('op', answer(429)).catch((e: unknown) => e);
    expect(none).toMatchObject({ retryAfterSeconds: undefined });
  });
});
