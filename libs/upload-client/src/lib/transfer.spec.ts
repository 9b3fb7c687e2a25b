import { TransferError } from './errors';
import { type FetchLike, putBytes } from './transfer';

const answering =
  (status: number): FetchLike =>
  async () =>
    new Response(status === 200 ? null : '<Error/>', {
      status,
      headers: status === 200 ? { etag: '"abc"' } : {},
    });

describe('putBytes', () => {
  const body = new Uint8Array([1, 2, 3]);
  const signal = new AbortController().signal;

  it('answers the ETag S3 returns', async () => {
    await expect(putBytes(answering(200), 'http://s3/x', {}, body, signal, 'upload')).resolves.toBe(
      '"abc"',
    );
  });

  it('takes 412 on a create-only PUT as bytes already stored by an attempt whose answer was lost', async () => {
    await expect(
      putBytes(answering(412), 'http://s3/x', { 'if-none-match': '*' }, body, signal, 'upload'),
    ).resolves.toBe('');
  });

  it('fails on 412 when the PUT was not create-only', async () => {
    await expect(
      putBytes(answering(412), 'http://s3/x', {}, body, signal, 'upload'),
    ).rejects.toBeInstanceOf(TransferError);
  });
});
