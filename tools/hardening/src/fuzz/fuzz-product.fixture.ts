import type { Schemas } from '@enclave/api-contract';
import type { MailboxMessage } from '@enclave/local-stack';
import {
  LIFTED_LIMITS,
  signUpUser,
  startTestProduct,
  type TestProduct,
  type TestUser,
} from '@enclave/testing';
import { type Answer, acceptedBody } from './answer-checks';
import { UserStateWatch } from './user-state.fixture';

/** One request exactly as the fuzzer wants it on the wire: no client tidies it up. */
export interface RawRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Under the gateway, e.g. `/v1/users/{id}/files`. */
  path: string;
  /** Sent as these bytes; absent, no body at all. */
  body?: string | Uint8Array;
  /** The Content-Type header; `null` sends none. Default `application/json`. */
  contentType?: string | null;
  headers?: Readonly<Record<string, string>>;
}

export interface FuzzProduct {
  product: TestProduct;
  /** A new signed-up user: each property starts from a user nothing has touched. */
  newUser(): Promise<TestUser>;
  /** Sends `request` with `user`'s token and reads the whole answer. */
  send(user: TestUser, request: RawRequest): Promise<Answer>;
  /** Watches `user`'s rows, objects and key (and the mail sent, with `mail`), from now on. */
  watch(user: TestUser, options?: { mail?: boolean }): Promise<UserStateWatch>;
  /** Every message the SES stand-in holds, oldest first. */
  mail(): Promise<MailboxMessage[]>;
  /**
   * With FUZZ_STATS set, prints how many answers of each status `send` saw since the last call
   * (under `label`): the way to check that a property reaches past validation. Always resets.
   */
  reportStatuses(label: string): void;
  /** Starts an upload with a well-formed body (setup, not fuzz). */
  createUpload(
    user: TestUser,
    body: Schemas['CreateFileRequest'],
  ): Promise<Schemas['CreateFileResponse']>;
  /** Uploads `bytes` with a single PUT and completes the file: a READY file to share. */
  uploadReadyFile(user: TestUser, bytes: Uint8Array, fileName?: string): Promise<string>;
  stop(): Promise<void>;
}

// A copy: fetch takes bytes backed by a plain ArrayBuffer, and zlib's Buffers may not be.
const toBytes = (body: string | Uint8Array): Uint8Array<ArrayBuffer> =>
  typeof body === 'string' ? new TextEncoder().encode(body) : new Uint8Array(body);

function sentSummary(request: RawRequest, bytes: Uint8Array | undefined): string {
  const head = `${request.method} ${request.path} (Content-Type: ${request.contentType === undefined ? 'application/json' : String(request.contentType)})`;
  if (!bytes) return `${head}, no body`;
  const text = Buffer.from(bytes.subarray(0, 400)).toString('utf8');
  return `${head}, ${bytes.byteLength} bytes: ${JSON.stringify(text)}${bytes.byteLength > 400 ? '…' : ''}`;
}

/** The whole product behind its gateway, with the limits raised (LIFTED_LIMITS plus `env`). */
export async function startFuzzProduct(
  env: Readonly<Record<string, string>> = {},
): Promise<FuzzProduct> {
  const product = await startTestProduct({ env: { ...LIFTED_LIMITS, ...env } });

  const statuses = new Map<number, number>();
  const send = async (user: TestUser, request: RawRequest): Promise<Answer> => {
    // Bytes, never a string: fetch would add its own text/plain Content-Type to a string body.
    const bytes = request.body === undefined ? undefined : toBytes(request.body);
    const contentType =
      request.contentType === undefined ? 'application/json' : request.contentType;
    const headers: Record<string, string> = {
      authorization: `Bearer ${user.idToken}`,
      ...(contentType === null ? {} : { 'content-type': contentType }),
      ...request.headers,
    };
    const response = await fetch(`${product.api}${request.path}`, {
      method: request.method,
      headers,
      body: bytes,
    });
    const text = await response.text();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text,
      json,
      sent: sentSummary(request, bytes),
    };
  };

  const mail = async (): Promise<MailboxMessage[]> => {
    const response = await fetch(`${product.stack.ses.endpoint}/store`);
    if (!response.ok) throw new Error(`the SES store answered ${response.status}`);
    return ((await response.json()) as { emails: MailboxMessage[] }).emails;
  };

  const createUpload = async (user: TestUser, body: Schemas['CreateFileRequest']) =>
    acceptedBody<Schemas['CreateFileResponse']>(
      await send(user, {
        method: 'POST',
        path: `/v1/users/${user.user_id}/files`,
        body: JSON.stringify(body),
      }),
    );

  return {
    product,
    newUser: () => signUpUser(product.stack),
    send,
    watch: (user, options = {}) =>
      UserStateWatch.start(product.stack, user.user_id, options.mail ? mail : undefined),
    mail,
    reportStatuses(label) {
      const counts = [...statuses].sort(([a], [b]) => a - b);
      statuses.clear();
      if (process.env['FUZZ_STATS'])
        process.stdout.write(`${label}: ${counts.map(([s, n]) => `${s}×${n}`).join(' ')}\n`);
    },
    createUpload,
    async uploadReadyFile(user, bytes, fileName = 'shared.txt') {
      const upload = await createUpload(user, {
        file_name: fileName,
        size: bytes.byteLength,
        content_type: 'text/plain',
      });
      const put = await fetch(upload.upload_url as string, {
        method: 'PUT',
        headers: upload.upload_headers,
        body: toBytes(bytes),
      });
      if (put.status !== 200) throw new Error(`the upload PUT answered ${put.status}`);
      acceptedBody(
        await send(user, {
          method: 'POST',
          path: `/v1/users/${user.user_id}/files/${upload.file_id}/complete`,
        }),
      );
      // The object-created handler also marks files READY; let it finish before any snapshot.
      await product.eventsHandled();
      return upload.file_id;
    },
    stop: () => product.stop(),
  };
}
