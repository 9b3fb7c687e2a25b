import type { Schemas } from '@enclave/api-contract';
import * as fc from 'fast-check';
import { acceptedBody, expectSuccessOrProblem, isAccepted } from './answer-checks';
import {
  extraMemberText,
  mostlyGood,
  numberFieldText,
  rarely,
  rawObject,
  textFieldText,
  withMember,
  wrongTypeText,
} from './bad-input.arbitraries';
import { fuzzParameters, propertyTimeoutMs } from './fuzz-settings';
import { type FuzzProduct, startFuzzProduct } from './fuzz-product.fixture';

// createShareLink and updateShare fuzzed through the gateway.
let fuzz: FuzzProduct;

beforeAll(async () => {
  fuzz = await startFuzzProduct();
}, 120_000);

afterAll(async () => {
  await fuzz?.stop();
});

const expiresInText = mostlyGood(
  fc.constantFrom('60', '3600', '86400', '2592000'),
  numberFieldText,
  1,
);
const maxDownloadsText = mostlyGood(fc.constantFrom('1', '3', '100000'), numberFieldText, 1);

/** Passwords at and past their bounds (8 to 256 characters), hostile text, other types. */
const passwordText = fc.oneof(
  fc.constantFrom(
    JSON.stringify('p'.repeat(7)),
    JSON.stringify('p'.repeat(8)),
    JSON.stringify('p'.repeat(256)),
    JSON.stringify('p'.repeat(257)),
    JSON.stringify('\u0000'.repeat(8)),
    JSON.stringify('😀'.repeat(8)),
    JSON.stringify('\uD800'.repeat(8)),
  ),
  textFieldText(256),
  wrongTypeText,
);

/** createShareLink bodies, including none at all (the body is optional). */
const linkBody: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 8,
    arbitrary: fc
      .record({
        expires_in: rarely(expiresInText, 2),
        max_downloads: rarely(maxDownloadsText, 2),
        // Hashing a password is slow on purpose (scrypt): present in one body of four.
        password: rarely(passwordText, 4),
        extra: extraMemberText,
      })
      .map(({ extra, ...fields }) => withMember(rawObject(fields), extra)),
  },
);

/** updateShare bodies: at least one field is required, `max_downloads: null` lifts the limit. */
const updateBody: fc.Arbitrary<string> = fc
  .record({
    expires_in: rarely(expiresInText, 2),
    max_downloads: rarely(fc.oneof(maxDownloadsText, fc.constant('null')), 2),
    extra: extraMemberText,
  })
  .map(({ extra, ...fields }) => withMember(rawObject(fields), extra));

it(
  'answers createShareLink with a 2xx or a 4xx problem, storing no share it refused',
  async () => {
    const user = await fuzz.newUser();
    const ready = await fuzz.uploadReadyFile(user, new TextEncoder().encode('linked'));
    const uploading = (await fuzz.createUpload(user, { file_name: 'pending.txt', size: 5 }))
      .file_id;
    const watch = await fuzz.watch(user);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(ready, ready, ready, uploading),
          linkBody,
          async (fileId, body) => {
            const answer = await fuzz.send(user, {
              method: 'POST',
              path: `/v1/users/${user.user_id}/files/${fileId}/links`,
              body,
            });
            expectSuccessOrProblem(answer);
            await watch.after(answer);
            if (!isAccepted(answer)) return;
            const sent = (body === undefined ? {} : JSON.parse(body)) as Record<string, unknown>;
            const link = acceptedBody<Schemas['ShareLinkResponse']>(answer);
            expect(fileId).toBe(ready);
            expect(link.password_protected).toBe(typeof sent['password'] === 'string');
            expect(link.max_downloads).toBe(sent['max_downloads']);
          },
        ),
        fuzzParameters(),
      );
    } finally {
      watch.stop();
      fuzz.reportStatuses('createShareLink');
    }
  },
  propertyTimeoutMs(),
);

it(
  'answers updateShare with a 2xx or a 4xx problem, changing no share it refused',
  async () => {
    const user = await fuzz.newUser();
    const ready = await fuzz.uploadReadyFile(user, new TextEncoder().encode('updated'));
    const linksPath = `/v1/users/${user.user_id}/files/${ready}/links`;
    const [active, revoked] = await Promise.all(
      [1, 2].map(async () =>
        acceptedBody<Schemas['ShareLinkResponse']>(
          await fuzz.send(user, { method: 'POST', path: linksPath, body: '{"max_downloads":5}' }),
        ),
      ),
    );
    if (!active || !revoked) throw new Error('two links were made');
    const sharePath = (shareId: string) => `/v1/users/${user.user_id}/shares/${shareId}`;
    acceptedBody(
      await fuzz.send(user, {
        method: 'DELETE',
        path: sharePath(revoked.share_id),
        contentType: null,
      }),
    );
    // The active share's download limit as accepted updates leave it (null lifts it).
    let limit: number | undefined = 5;
    const watch = await fuzz.watch(user);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(active.share_id, active.share_id, revoked.share_id),
          updateBody,
          async (shareId, body) => {
            const answer = await fuzz.send(user, {
              method: 'PATCH',
              path: sharePath(shareId),
              body,
            });
            expectSuccessOrProblem(answer);
            await watch.after(answer);
            if (!isAccepted(answer)) return;
            const sent = JSON.parse(body) as Record<string, unknown>;
            const share = acceptedBody<Schemas['Share']>(answer);
            if ('max_downloads' in sent)
              limit = (sent['max_downloads'] as number | null) ?? undefined;
            expect({ share: shareId, max_downloads: share.max_downloads }).toEqual({
              share: active.share_id,
              max_downloads: limit,
            });
          },
        ),
        fuzzParameters(),
      );
    } finally {
      watch.stop();
      fuzz.reportStatuses('updateShare');
    }
  },
  propertyTimeoutMs(),
);
