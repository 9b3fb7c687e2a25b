import type { Schemas } from '@enclave/api-contract';
import * as fc from 'fast-check';
import { acceptedBody, expectSuccessOrProblem, isAccepted } from './answer-checks';
import {
  badAddress,
  extraMemberText,
  goodAddress,
  INJECTED_ADDRESSES,
  mostlyGood,
  numberFieldText,
  rarely,
  rawObject,
  shareWithText,
  textFieldText,
  usually,
  withMember,
} from './bad-input.arbitraries';
import { fuzzParameters, propertyTimeoutMs } from './fuzz-settings';
import { type FuzzProduct, startFuzzProduct } from './fuzz-product.fixture';

// shareFileByEmail fuzzed through the gateway: every refusal sends nothing and stores nothing,
// and what is sent goes to the listed recipients only (no header or recipient injected).
let fuzz: FuzzProduct;

beforeAll(async () => {
  fuzz = await startFuzzProduct();
}, 120_000);

afterAll(async () => {
  await fuzz?.stop();
});

const shareBody: fc.Arbitrary<string> = fc
  .record({
    share_with: usually(
      fc.oneof(
        shareWithText,
        // One hostile address among good ones: the whole request must be refused.
        fc
          .tuple(fc.array(goodAddress, { maxLength: 3 }), badAddress)
          .map(([good, bad]) => JSON.stringify([...good, bad])),
      ),
    ),
    expires_in: rarely(mostlyGood(fc.constantFrom('60', '3600', '86400'), numberFieldText, 1), 3),
    message: rarely(textFieldText(2000), 3),
    extra: extraMemberText,
  })
  .map(({ extra, ...fields }) => withMember(rawObject(fields), extra));

const recipientsOf = (mail: { destination: { to: string[]; cc: string[]; bcc: string[] } }) => [
  ...mail.destination.to,
  ...mail.destination.cc,
  ...mail.destination.bcc,
];

it(
  'answers shareFileByEmail with a 2xx or a 4xx problem, mailing no one it refused and only the listed recipients',
  async () => {
    const user = await fuzz.newUser();
    const ready = await fuzz.uploadReadyFile(user, new TextEncoder().encode('to share'));
    const uploading = (await fuzz.createUpload(user, { file_name: 'not yet.txt', size: 5 }))
      .file_id;
    const watch = await fuzz.watch(user, { mail: true });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(ready, ready, ready, uploading),
          shareBody,
          async (fileId, body) => {
            const answer = await fuzz.send(user, {
              method: 'POST',
              path: `/v1/users/${user.user_id}/files/${fileId}/share`,
              body,
            });
            expectSuccessOrProblem(answer);
            const { before, after } = await watch.after(answer);
            if (!isAccepted(answer)) return;
            const listed = (JSON.parse(body) as { share_with: string[] }).share_with.map((a) =>
              a.toLowerCase(),
            );
            const shared = acceptedBody<Schemas['ShareByEmailResponse']>(answer);
            const sent = (await fuzz.mail()).slice(before.mailSent, after.mailSent);
            // One message per share, each to exactly one of the listed addresses.
            expect(sent).toHaveLength(shared.shares.length);
            for (const message of sent) {
              const recipients = recipientsOf(message).map((a) => a.toLowerCase());
              expect(recipients).toHaveLength(1);
              expect(listed).toContain(recipients[0]);
              for (const injected of INJECTED_ADDRESSES)
                expect(recipients.join(' ')).not.toContain(injected);
              expect(message.subject).not.toMatch(/[\r\n]/);
            }
          },
        ),
        fuzzParameters(),
      );
    } finally {
      watch.stop();
      fuzz.reportStatuses('shareFileByEmail');
    }
  },
  propertyTimeoutMs(),
);
