import { createEnclaveClient } from '@enclave/api-contract';
import { ApiError } from '@enclave/upload-client';
import { createKeysApi } from './keys-api';

/** A fetch that records each request and answers `status` with `body` as (problem+)JSON. */
function answering(status: number, body: object) {
  const requests: string[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(`${request.method} ${request.url}`);
    const type = status < 400 ? 'application/json' : 'application/problem+json';
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
  };
  const api = createKeysApi(createEnclaveClient({ baseUrl: 'http://api.test', fetch }), 'user-1');
  return { api, requests };
}

describe('createKeysApi', () => {
  it("reads the user's key status with GET …/key", async () => {
    const { api, requests } = answering(200, { kms_mode: 's3', state: 'NONE' });
    await expect(api.status()).resolves.toEqual({ kms_mode: 's3', state: 'NONE' });
    expect(requests).toEqual(['GET http://api.test/v1/users/user-1/key']);
  });

  it('shreds with DELETE …/key, and a 409 becomes an ApiError carrying its explanation', async () => {
    const detail = 'KMS_MODE is s3: there is no key of your own to shred.';
    const { api, requests } = answering(409, {
      type: 'urn:enclave:problem:conflict',
      title: 'Conflict',
      status: 409,
      detail,
    });
    const error = await api.shred().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, problem: { detail } });
    expect(requests).toEqual(['DELETE http://api.test/v1/users/user-1/key']);
  });
});
