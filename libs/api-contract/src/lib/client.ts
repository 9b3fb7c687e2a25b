import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from '../generated/schema';

export type EnclaveClient = Client<paths>;

export interface EnclaveClientOptions {
  /** The API's base URL, e.g. the local gateway `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** Returns the caller's ID token; called before every request so refreshed tokens are used. */
  token?: () => string | undefined | Promise<string | undefined>;
  fetch?: typeof fetch;
}

/** The typed client of the whole Enclave API (every service), generated from openapi.yaml. */
export function createEnclaveClient(options: EnclaveClientOptions): EnclaveClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  const { token } = options;
  if (token) {
    const bearer: Middleware = {
      async onRequest({ request }) {
        const value = await token();
        if (value) request.headers.set('Authorization', `Bearer ${value}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}
