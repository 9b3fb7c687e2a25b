import type { Schemas } from '@enclave/api-contract';
import * as fc from 'fast-check';
import { acceptedBody, expectSuccessOrProblem, isAccepted } from './answer-checks';
import {
  contentTypeValue,
  extraMemberText,
  fileNameValue,
  goodContentType,
  goodFileName,
  mostlyGood,
  numberFieldText,
  rarely,
  rawObject,
  usually,
  withMember,
  wrongTypeText,
} from './bad-input.arbitraries';
import { fuzzParameters, propertyTimeoutMs } from './fuzz-settings';
import { type FuzzProduct, startFuzzProduct } from './fuzz-product.fixture';

// createFile fuzzed through the gateway: hostile names, sizes, media types and checksums.
let fuzz: FuzzProduct;

beforeAll(async () => {
  fuzz = await startFuzzProduct();
}, 120_000);

afterAll(async () => {
  await fuzz?.stop();
});

const sha256Text = fc.oneof(
  fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => JSON.stringify(hex)),
  fc.constantFrom(
    JSON.stringify('A'.repeat(64)),
    JSON.stringify('a'.repeat(63)),
    JSON.stringify('g'.repeat(64)),
    JSON.stringify(`${'a'.repeat(64)}\n`),
  ),
  wrongTypeText,
);

/** createFile bodies as raw JSON text: each field good, hostile, mistyped or missing. */
const createFileBody: fc.Arbitrary<string> = fc
  .record({
    file_name: usually(
      mostlyGood(goodFileName, fileNameValue, 1).map((name) => JSON.stringify(name)),
    ),
    size: usually(mostlyGood(fc.integer({ min: 0, max: 100_000 }).map(String), numberFieldText)),
    content_type: fc.oneof(
      fc.constant(undefined),
      mostlyGood(goodContentType, contentTypeValue, 1).map((type) => JSON.stringify(type)),
    ),
    sha256: rarely(sha256Text),
    checksum_algorithm: rarely(
      fc.oneof(fc.constantFrom('"SHA256"', '"sha256"', '"MD5"', '""'), wrongTypeText),
    ),
    extra: extraMemberText,
  })
  .map(({ extra, ...fields }) => withMember(rawObject(fields), extra));

const printableAscii = /^[\x20-\x7e]*$/;

it(
  'answers createFile with a 2xx or a 4xx problem, stores nothing it refused, and keeps what it accepted exactly',
  async () => {
    const user = await fuzz.newUser();
    const watch = await fuzz.watch(user);
    try {
      await fc.assert(
        fc.asyncProperty(createFileBody, async (body) => {
          const answer = await fuzz.send(user, {
            method: 'POST',
            path: `/v1/users/${user.user_id}/files`,
            body,
          });
          expectSuccessOrProblem(answer);
          await watch.after(answer);
          if (!isAccepted(answer)) return;
          const created = acceptedBody<Schemas['CreateFileResponse']>(answer);
          // Upload headers go onto the wire as they are: an accepted value must not break a header.
          for (const value of Object.values(created.upload_headers))
            expect(value).toMatch(printableAscii);
          const sent = JSON.parse(body) as Record<string, unknown>;
          // JSON has no -0 the service could keep: `-0` is the size 0.
          if (sent['size'] === 0) sent['size'] = 0;
          const file = acceptedBody<Schemas['FileSummary']>(
            await fuzz.send(user, {
              method: 'GET',
              path: `/v1/users/${user.user_id}/files/${created.file_id}`,
              contentType: null,
            }),
          );
          expect({
            file_name: file.file_name,
            size: file.size,
            content_type: file.content_type,
          }).toEqual({
            file_name: sent['file_name'],
            size: sent['size'],
            content_type: sent['content_type'] ?? 'application/octet-stream',
          });
          expect(file.content_type).toMatch(printableAscii);
        }),
        fuzzParameters(),
      );
    } finally {
      watch.stop();
      fuzz.reportStatuses('createFile');
    }
  },
  propertyTimeoutMs(),
);
