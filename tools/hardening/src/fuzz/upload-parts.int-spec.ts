import type { Schemas } from '@enclave/api-contract';
import type { TestUser } from '@enclave/testing';
import * as fc from 'fast-check';
import { acceptedBody, expectSuccessOrProblem, isAccepted } from './answer-checks';
import {
  extraMemberText,
  mostlyGood,
  numberFieldText,
  rarely,
  rawObject,
  textFieldText,
  usually,
  withMember,
  wrongTypeText,
} from './bad-input.arbitraries';
import { fuzzParameters, propertyTimeoutMs } from './fuzz-settings';
import { type FuzzProduct, startFuzzProduct } from './fuzz-product.fixture';

// presignParts and completeFile fuzzed through the gateway, against uploads in each state.
let fuzz: FuzzProduct;

beforeAll(async () => {
  fuzz = await startFuzzProduct();
}, 120_000);

afterAll(async () => {
  await fuzz?.stop();
});

const MiB = 1024 * 1024;
/** Above the default 64 MiB multipart threshold: 7 parts of 16 MiB. */
const MULTIPART_SIZE = 100 * MiB;
const PART_COUNT = 7;

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const sha256Text = mostlyGood(
  hex64.map((hex) => JSON.stringify(hex)),
  fc.oneof(
    fc.constantFrom(JSON.stringify('a'.repeat(63)), JSON.stringify('z'.repeat(64))),
    wrongTypeText,
  ),
);

/** A part number as JSON text: mostly one of the upload's, else any number or type. */
const partNumberText = mostlyGood(
  fc.integer({ min: 1, max: PART_COUNT }).map(String),
  fc.oneof(numberFieldText, fc.constantFrom('0', '8', '10000', '10001')),
  3,
);

const partNumbersText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .uniqueArray(fc.integer({ min: 1, max: PART_COUNT }), { minLength: 1, maxLength: PART_COUNT })
      .map((list) => JSON.stringify(list)),
  },
  {
    weight: 3,
    arbitrary: fc.array(partNumberText, { maxLength: 8 }).map((l) => `[${l.join(',')}]`),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 101, max: 1000 })
      .map((count) => JSON.stringify(Array.from({ length: count }, (_, i) => i + 1))),
  },
  { weight: 1, arbitrary: fc.constantFrom('[1,1]', '[1,"1"]', '[[1]]', '[]', '[null]') },
  { weight: 1, arbitrary: wrongTypeText },
);

/** presignParts' `sha256` map: part-number keys in every spelling, digests good and bad. */
const partDigestsText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .dictionary(
        mostlyGood(
          fc.integer({ min: 1, max: PART_COUNT }).map(String),
          fc.constantFrom('0', '01', '-1', '1.5', 'a', '', '100000', '__proto__'),
        ),
        sha256Text,
        { maxKeys: 4 },
      )
      .map((digests) => rawObject(digests as Record<string, string>)),
  },
  { weight: 1, arbitrary: wrongTypeText },
);

const presignBody: fc.Arbitrary<string> = fc
  .record({
    part_numbers: usually(partNumbersText),
    sha256: rarely(partDigestsText, 3),
    extra: extraMemberText,
  })
  .map(({ extra, ...fields }) => withMember(rawObject(fields), extra));

const partText = fc
  .record({
    part_number: usually(partNumberText),
    etag: usually(
      mostlyGood(
        fc.stringMatching(/^"[0-9a-f]{32}"$/).map((etag) => JSON.stringify(etag)),
        fc.oneof(textFieldText(128), fc.constantFrom('""', JSON.stringify('"x"\r\nX-Injected: 1'))),
      ),
    ),
    sha256: rarely(sha256Text, 3),
    extra: extraMemberText,
  })
  .map(({ extra, ...fields }) => withMember(rawObject(fields), extra));

/** completeFile bodies: none at all, a parts list (empty, too long, hostile), other types. */
const completeBody: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 6,
    arbitrary: fc
      .record({
        parts: usually(
          fc.oneof(
            {
              weight: 5,
              arbitrary: fc.array(partText, { maxLength: 8 }).map((l) => `[${l.join(',')}]`),
            },
            {
              weight: 1,
              arbitrary: fc.constant(
                JSON.stringify(
                  Array.from({ length: 10_001 }, (_, i) => ({ part_number: i + 1, etag: 'e' })),
                ),
              ),
            },
            { weight: 1, arbitrary: wrongTypeText },
          ),
          3,
        ),
        extra: extraMemberText,
      })
      .map(({ extra, ...fields }) => withMember(rawObject(fields), extra)),
  },
  { weight: 1, arbitrary: wrongTypeText },
);

interface Uploads {
  user: TestUser;
  /** A multipart upload, and one whose parts must carry SHA-256s; no bytes sent. */
  multipart: string;
  checkedMultipart: string;
  /** A single-PUT upload whose bytes never came. */
  awaitingBytes: string;
  /** A file whose upload completed. */
  ready: string;
}

async function prepareUploads(): Promise<Uploads> {
  const user = await fuzz.newUser();
  const [multipart, checkedMultipart, awaitingBytes] = await Promise.all([
    fuzz.createUpload(user, { file_name: 'big.bin', size: MULTIPART_SIZE }),
    fuzz.createUpload(user, {
      file_name: 'checked.bin',
      size: MULTIPART_SIZE,
      checksum_algorithm: 'SHA256',
    }),
    fuzz.createUpload(user, { file_name: 'small.txt', size: 10 }),
  ]);
  expect(multipart.multipart?.part_count).toBe(PART_COUNT);
  const ready = await fuzz.uploadReadyFile(user, new TextEncoder().encode('ready bytes'));
  return {
    user,
    multipart: multipart.file_id,
    checkedMultipart: checkedMultipart.file_id,
    awaitingBytes: awaitingBytes.file_id,
    ready,
  };
}

it(
  'answers presignParts with a 2xx or a 4xx problem, changing nothing it refused',
  async () => {
    const uploads = await prepareUploads();
    const { user } = uploads;
    const watch = await fuzz.watch(user);
    const fileIds = [
      uploads.multipart,
      uploads.checkedMultipart,
      uploads.awaitingBytes,
      uploads.ready,
    ];
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fileIds), presignBody, async (fileId, body) => {
          const answer = await fuzz.send(user, {
            method: 'POST',
            path: `/v1/users/${user.user_id}/files/${fileId}/parts`,
            body,
          });
          expectSuccessOrProblem(answer);
          await watch.after(answer);
          if (!isAccepted(answer)) return;
          // An accepted request is one URL per part asked for, each for that part.
          const asked = (JSON.parse(body) as { part_numbers: number[] }).part_numbers;
          const { parts } = acceptedBody<Schemas['PresignPartsResponse']>(answer);
          expect(parts.map((part) => part.part_number).sort((a, b) => a - b)).toEqual(
            [...asked].sort((a, b) => a - b),
          );
        }),
        fuzzParameters(),
      );
    } finally {
      watch.stop();
      fuzz.reportStatuses('presignParts');
    }
  },
  propertyTimeoutMs(),
);

it(
  'answers completeFile with a 2xx or a 4xx problem, changing nothing it refused',
  async () => {
    const uploads = await prepareUploads();
    const { user } = uploads;
    const watch = await fuzz.watch(user);
    const fileIds = [
      uploads.multipart,
      uploads.checkedMultipart,
      uploads.awaitingBytes,
      uploads.ready,
    ];
    try {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...fileIds), completeBody, async (fileId, body) => {
          const answer = await fuzz.send(user, {
            method: 'POST',
            path: `/v1/users/${user.user_id}/files/${fileId}/complete`,
            body,
          });
          expectSuccessOrProblem(answer);
          await watch.after(answer);
          // No bytes reached the uploads still waiting: only the READY file can complete.
          expect({ accepted: isAccepted(answer), ready: fileId === uploads.ready }).not.toEqual({
            accepted: true,
            ready: false,
          });
        }),
        fuzzParameters(),
      );
    } finally {
      watch.stop();
      fuzz.reportStatuses('completeFile');
    }
  },
  propertyTimeoutMs(),
);
