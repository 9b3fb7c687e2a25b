import { createEnclaveClient } from '@enclave/api-contract';
import { signUpUser, startTestProduct, type TestProduct } from '@enclave/testing';

// The fixture every hardening suite stands on: the whole product behind the gateway.
let product: TestProduct;

beforeAll(async () => {
  product = await startTestProduct();
}, 60_000);

afterAll(async () => {
  await product?.stop();
});

it('routes each service’s operations through the gateway to that service', async () => {
  const user = await signUpUser(product.stack);
  const api = createEnclaveClient({ baseUrl: product.api, token: () => user.idToken });
  const path = { user_id: user.user_id };
  const files = await api.GET('/v1/users/{user_id}/files', { params: { path } });
  const shares = await api.GET('/v1/users/{user_id}/shares', { params: { path } });
  const key = await api.GET('/v1/users/{user_id}/key', { params: { path } });
  expect([files.response.status, shares.response.status, key.response.status]).toEqual([
    200, 200, 200,
  ]);
  expect(files.data?.user_files).toEqual([]);
});
