import type { Schemas } from '@enclave/api-contract';
import type { TestUser } from '@enclave/testing';
import * as fc from 'fast-check';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { type Answer, expectProblemStatus, expectSuccessOrProblem } from './answer-checks';
import { malformedJson, nonObjectJson, wrongContentType } from './bad-input.arbitraries';
import { fuzzParameters, propertyTimeoutMs } from './fuzz-settings';
import { type FuzzProduct, type RawRequest, startFuzzProduct } from './fuzz-product.fixture';
import type { UserStateWatch } from './user-state.fixture';

// Bodies that are wrong as a whole, sent to every operation that takes one (and ensureKey,
// which takes none): JSON that is no object, text that is no JSON, bodies labelled as something
// else or not at all, and bodies over the 2 MiB limit (plain, or compressed to look small).
let fuzz: FuzzProduct;
let user: TestUser;
let operations: FramedOperation[];

/** One operation: where it is, and a body it would accept (or at least parse) as JSON. */
interface FramedOperation {
  operationId: string;
  method: RawRequest['method'];
  path: string;
  validBody: string;
}

/** The limit json-body.ts enforces (MAX_BODY_BYTES), after any decompression. */
const BODY_LIMIT = 2 * 1024 * 1024;

beforeAll(async () => {
  fuzz = await startFuzzProduct();
  user = await fuzz.newUser();
  const files = `/v1/users/${user.user_id}/files`;
  const [multipart, pending] = await Promise.all([
    fuzz.createUpload(user, { file_name: 'big.bin', size: 100 * 1024 * 1024 }),
    fuzz.createUpload(user, { file_name: 'pending.txt', size: 5 }),
  ]);
  const ready = await fuzz.uploadReadyFile(user, new TextEncoder().encode('framed'));
  const link = await fuzz.send(user, { method: 'POST', path: `${files}/${ready}/links` });
  const share = link.json as Schemas['ShareLinkResponse'];
  operations = [
    {
      operationId: 'createFile',
      method: 'POST',
      path: files,
      validBody: '{"file_name":"ok.txt","size":1}',
    },
    {
      operationId: 'presignParts',
      method: 'POST',
      path: `${files}/${multipart.file_id}/parts`,
      validBody: '{"part_numbers":[1]}',
    },
    {
      operationId: 'completeFile',
      method: 'POST',
      path: `${files}/${pending.file_id}/complete`,
      validBody: '{}',
    },
    {
      operationId: 'shareFileByEmail',
      method: 'POST',
      path: `${files}/${ready}/share`,
      validBody: '{"share_with":["framed@example.test"]}',
    },
    {
      operationId: 'createShareLink',
      method: 'POST',
      path: `${files}/${ready}/links`,
      validBody: '{"max_downloads":2}',
    },
    {
      operationId: 'updateShare',
      method: 'PATCH',
      path: `/v1/users/${user.user_id}/shares/${share.share_id}`,
      validBody: '{"expires_in":3600}',
    },
    {
      // Takes no body: any body is refused.
      operationId: 'ensureKey',
      method: 'POST',
      path: `/v1/users/${user.user_id}/key`,
      validBody: '{}',
    },
  ];
}, 120_000);

afterAll(async () => {
  await fuzz?.stop();
});

const operation = () => fc.constantFrom(...operations);

/** Runs `property` against a watch of the user's state (mail included), then reports. */
async function withWatch(label: string, run: (watch: UserStateWatch) => Promise<void>) {
  const watch = await fuzz.watch(user, { mail: true });
  try {
    await run(watch);
  } finally {
    watch.stop();
    fuzz.reportStatuses(label);
  }
}

async function sendAndCheck(
  watch: UserStateWatch,
  op: FramedOperation,
  request: Omit<RawRequest, 'method' | 'path'>,
): Promise<Answer> {
  const answer = await fuzz.send(user, { method: op.method, path: op.path, ...request });
  expectSuccessOrProblem(answer);
  await watch.after(answer);
  return answer;
}

it(
  'refuses JSON that is not an object with a 400 problem, storing and sending nothing',
  async () => {
    await withWatch('non-object JSON', (watch) =>
      fc.assert(
        fc.asyncProperty(operation(), nonObjectJson, async (op, body) => {
          expectProblemStatus(await sendAndCheck(watch, op, { body }), 400);
        }),
        fuzzParameters(),
      ),
    );
  },
  propertyTimeoutMs(),
);

it(
  'refuses text that is not JSON with a 400 problem, storing and sending nothing',
  async () => {
    await withWatch('malformed JSON', (watch) =>
      fc.assert(
        fc.asyncProperty(
          operation().chain((op) => fc.tuple(fc.constant(op), malformedJson(op.validBody))),
          async ([op, body]) => {
            expectProblemStatus(await sendAndCheck(watch, op, { body }), 400);
          },
        ),
        fuzzParameters(),
      ),
    );
  },
  propertyTimeoutMs(),
);

it(
  'answers a body under another (or no) Content-Type with a 2xx or a 4xx problem',
  async () => {
    await withWatch('wrong Content-Type', (watch) =>
      fc.assert(
        fc.asyncProperty(
          operation(),
          wrongContentType,
          fc.constantFrom('valid JSON', 'form', 'empty'),
          async (op, contentType, shape) => {
            const body =
              shape === 'valid JSON'
                ? op.validBody
                : shape === 'form'
                  ? 'file_name=a.txt&size=1&share_with=a%40b.c'
                  : undefined;
            const answer = await sendAndCheck(watch, op, { body, contentType });
            // An operation that takes no body refuses every body, JSON or not.
            const bodyless = op.operationId === 'ensureKey' && body !== undefined;
            expect(bodyless ? answer.status >= 400 : answer.status < 500).toBe(true);
          },
        ),
        fuzzParameters(0.5),
      ),
    );
  },
  propertyTimeoutMs(0.5),
);

/** A body of `size` bytes in one of several shapes: all of it JSON, so only size is wrong. */
function hugeBody(shape: 'long string' | 'whitespace' | 'long array', size: number): string {
  switch (shape) {
    case 'long string':
      return `{"file_name":"${'a'.repeat(size - 25)}","size":1}`;
    case 'whitespace':
      return `${' '.repeat(size - 2)}{}`;
    case 'long array':
      return `{"share_with":[${'"a@b.c",'.repeat(Math.ceil(size / 8))}"a@b.c"]}`;
  }
}

const ENCODERS = {
  identity: (bytes: Buffer) => bytes,
  gzip: (bytes: Buffer) => gzipSync(bytes),
  deflate: (bytes: Buffer) => deflateSync(bytes),
  br: (bytes: Buffer) => brotliCompressSync(bytes),
} as const;

it(
  'refuses JSON bodies over the limit with 413, even compressed to a few kB',
  async () => {
    await withWatch('huge bodies', (watch) =>
      fc.assert(
        fc.asyncProperty(
          operation(),
          fc.constantFrom('long string', 'whitespace', 'long array') as fc.Arbitrary<
            'long string' | 'whitespace' | 'long array'
          >,
          fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT + 1024 * 1024 }),
          fc.constantFrom(...(Object.keys(ENCODERS) as (keyof typeof ENCODERS)[])),
          async (op, shape, size, encoding) => {
            const body = ENCODERS[encoding](Buffer.from(hugeBody(shape, size)));
            const headers: Record<string, string> =
              encoding === 'identity' ? {} : { 'content-encoding': encoding };
            expectProblemStatus(await sendAndCheck(watch, op, { body, headers }), 413);
          },
        ),
        fuzzParameters(0.1),
      ),
    );
  },
  propertyTimeoutMs(0.1, 2000),
);

it(
  'answers bodies over the limit labelled as something else, or corrupt encodings, with a 4xx problem',
  async () => {
    await withWatch('huge or corrupt, not JSON', (watch) =>
      fc.assert(
        fc.asyncProperty(
          operation(),
          fc.constantFrom(null, 'text/plain', 'application/octet-stream'),
          fc.constantFrom('huge', 'corrupt gzip', 'unknown encoding'),
          async (op, contentType, kind) => {
            const request: Omit<RawRequest, 'method' | 'path'> =
              kind === 'huge'
                ? { body: hugeBody('whitespace', BODY_LIMIT + 4096), contentType }
                : {
                    body: kind === 'corrupt gzip' ? 'not gzip at all' : op.validBody,
                    headers: { 'content-encoding': kind === 'corrupt gzip' ? 'gzip' : 'compress' },
                  };
            const answer = await sendAndCheck(watch, op, request);
            expect(answer.status).toBeGreaterThanOrEqual(400);
          },
        ),
        fuzzParameters(0.1),
      ),
    );
  },
  propertyTimeoutMs(0.1, 2000),
);
