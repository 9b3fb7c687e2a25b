import { backoffDelay, resolveRetryOptions, sleep, withRetry } from './backoff';
import { ApiError, isRetryable, TransferError } from './errors';

describe('backoffDelay (full jitter)', () => {
  const options = resolveRetryOptions({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 });

  it('doubles the ceiling with each attempt and caps it at maxDelayMs', () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, options))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
  });

  it('draws anywhere from zero up to the ceiling', () => {
    expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { ...options, random: () => 0.5 })).toBe(400);
  });
});

describe('withRetry', () => {
  const fast = resolveRetryOptions({ retries: 3, baseDelayMs: 1 });

  it('retries retryable failures and answers the first success', async () => {
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw new TransferError(500, '', 'put');
        return 'ok';
      },
      fast,
      { retryable: isRetryable },
    );
    expect([result, calls]).toEqual(['ok', 3]);
  });

  it('stops at once on a failure that is not retryable', async () => {
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls++;
        throw new ApiError(400, undefined, 'presign');
      },
      fast,
      { retryable: isRetryable },
    );
    await expect(failing).rejects.toMatchObject({ status: 400 });
    expect(calls).toBe(1);
  });

  it('stops waiting when its signal aborts', async () => {
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    controller.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
  });
});

describe('isRetryable', () => {
  it.each([
    [new TransferError(500, '', 'x'), true],
    [new TransferError(503, '', 'x'), true],
    [new TransferError(408, '', 'x'), true],
    [new ApiError(429, undefined, 'x'), true],
    [new TypeError('fetch failed'), true],
    [new TransferError(400, '', 'x'), false],
    [new TransferError(403, '<Message>Request has expired</Message>', 'x'), false],
    [new ApiError(404, undefined, 'x'), false],
    [new DOMException('aborted', 'AbortError'), false],
  ])('%s → %s', (error, expected) => {
    expect(isRetryable(error)).toBe(expected);
  });

  it('recognises the 403 S3 answers for an expired URL', () => {
    expect(new TransferError(403, '<Message>Request has expired</Message>', 'x').expired).toBe(
      true,
    );
    expect(new TransferError(403, '<Code>SignatureDoesNotMatch</Code>', 'x').expired).toBe(false);
  });
});
