import { createEnclaveClient, type EnclaveClient, type Schemas } from '@enclave/api-contract';
import { freePort, mailboxFor, type MailboxMessage } from '@enclave/local-stack';
import { type ServiceProcess, startServiceProcess, type TestUser } from '@enclave/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { type SharingStack, startSharingStack } from './testing/sharing-stack.fixture';

// E-mail shares through the gateway, against the local stack: SES is aws-ses-v2-local, whose
// `/store` is the mailbox every assertion about sent mail reads.
type Who = { user: TestUser; api: EnclaveClient };

const someone = (name: string) => `${name}-${randomUUID()}@example.test`;

function shareByEmail(who: Who, fileId: string, body: Schemas['ShareByEmailRequest']) {
  return who.api.POST('/v1/users/{user_id}/files/{file_id}/share', {
    params: { path: { user_id: who.user.user_id, file_id: fileId } },
    body,
  });
}

async function listShares(who: Who): Promise<Schemas['Share'][]> {
  const { data, response } = await who.api.GET('/v1/users/{user_id}/shares', {
    params: { path: { user_id: who.user.user_id } },
  });
  expect(response.status).toBe(200);
  return (data as Schemas['ShareList']).shares;
}

function linkToken(mail: MailboxMessage): string {
  const match = /\/s\/([A-Za-z0-9_-]{32,128})/.exec(mail.body.text ?? '');
  if (!match?.[1]) throw new Error(`no share link in: ${mail.body.text}`);
  return match[1];
}

describe('e-mail shares against the local stack', () => {
  let s: SharingStack;
  let alice: Who;
  let fileId: string;

  beforeAll(async () => {
    s = await startSharingStack({ SHARE_EMAILS_PER_USER_PER_HOUR: '3' });
    alice = await s.newUser();
    fileId = await s.upload(alice, randomBytes(2048), 'Plans <v2>.pdf');
  }, 120_000);

  afterAll(async () => {
    await s?.stop();
  });

  const mailbox = (address: string) => mailboxFor(s.stack.ses.endpoint, address);

  it('e-mails each recipient their own link, from the owner, with the message escaped', async () => {
    const [bob, carol] = [someone('bob'), someone('carol')];
    const message = 'Have a look <script>alert(1)</script> & tell me';
    const { data, response } = await shareByEmail(alice, fileId, {
      share_with: [bob, carol],
      message,
      expires_in: 7200,
    });
    expect(response.status).toBe(201);
    const shared = data as Schemas['ShareByEmailResponse'];
    expect(shared).toMatchObject({
      file_id: fileId,
      file_name: 'Plans <v2>.pdf',
      status: 'SHARED',
    });
    expect(shared.shares.map((share) => share.recipient)).toEqual([bob, carol]);
    for (const share of shared.shares)
      expect(share).toMatchObject({ kind: 'EMAIL', downloads: 0, state: 'ACTIVE' });

    const [bobsMail, carolsMail] = [(await mailbox(bob))[0], (await mailbox(carol))[0]];
    expect(await mailbox(bob)).toHaveLength(1);
    expect(await mailbox(carol)).toHaveLength(1);
    for (const mail of [bobsMail, carolsMail]) {
      if (!mail) throw new Error('a recipient got no e-mail');
      expect(mail.replyTo).toEqual([alice.user.email]);
      expect(mail.subject).toContain('Test User');
      expect(mail.subject).toContain('Plans <v2>.pdf');
      expect(mail.body.text).toContain('Test User');
      expect(mail.body.text).toContain('Plans <v2>.pdf (2 KiB)');
      expect(mail.body.text).toContain(message);
      expect(mail.body.html).toContain('Plans &lt;v2&gt;.pdf');
      expect(mail.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; tell me');
      expect(mail.body.html).not.toContain('<script>');
      expect(mail.body.text).toContain(`http://127.0.0.1:4200/s/${linkToken(mail)}`);
    }
    expect(linkToken(bobsMail as MailboxMessage)).not.toBe(linkToken(carolsMail as MailboxMessage));
  });

  it.each([
    [
      '21 recipients',
      () => Array.from({ length: 21 }, (_, i) => someone(`r${i}`)),
      {},
      'body.share_with',
    ],
    [
      'an address with a CRLF header injection',
      () => [someone('ok'), 'a@x.com\r\nBcc: b@y.com'],
      {},
      'a@x.com',
    ],
    ['an over-long message', () => [someone('ok')], { message: 'x'.repeat(2001) }, 'body.message'],
  ])('sends nothing and stores nothing for %s (400)', async (_, recipients, extra, named) => {
    const fresh = await s.newUser();
    const file = await s.upload(fresh, randomBytes(16));
    const shareWith = recipients();
    const { error, response } = await shareByEmail(fresh, file, {
      share_with: shareWith,
      ...extra,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(error)).toContain(named);
    for (const address of shareWith.filter((a) => a.endsWith('@example.test')))
      expect(await mailbox(address)).toHaveLength(0);
    expect(await mailbox('a@x.com')).toHaveLength(0);
    expect(await mailbox('b@y.com')).toHaveLength(0);
    expect(await listShares(fresh)).toHaveLength(0);
  });

  it('refuses an expiry past the deployment maximum, naming body.expires_in, and sends nothing', async () => {
    const bob = someone('bob');
    const { error, response } = await shareByEmail(alice, fileId, {
      share_with: [bob],
      expires_in: 31 * 24 * 3600,
    });
    expect(response.status).toBe(400);
    expect((error as { errors?: { field: string }[] }).errors).toEqual([
      expect.objectContaining({ field: 'body.expires_in' }),
    ]);
    expect(await mailbox(bob)).toHaveLength(0);
  });

  it('refuses past the hourly e-mail quota with 429 and Retry-After, sending nothing', async () => {
    const bounded = await s.newUser();
    const file = await s.upload(bounded, randomBytes(16));
    const first = await shareByEmail(bounded, file, {
      share_with: [someone('one'), someone('two')],
    });
    expect(first.response.status).toBe(201);

    const refused = [someone('three'), someone('four')];
    const second = await shareByEmail(bounded, file, { share_with: refused });
    expect(second.response.status).toBe(429);
    const retryAfter = Number(second.response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    for (const address of refused) expect(await mailbox(address)).toHaveLength(0);
    expect(await listShares(bounded)).toHaveLength(2);
  });

  it('shares only READY files: 409 while uploading, 404 once deleted, nothing sent', async () => {
    const path = { user_id: alice.user.user_id };
    const { data: uploading } = await alice.api.POST('/v1/users/{user_id}/files', {
      params: { path },
      body: { file_name: 'half.bin', size: 10, content_type: 'application/octet-stream' },
    });
    const deleted = await s.upload(alice, randomBytes(16), 'gone.bin');
    const removal = await alice.api.DELETE('/v1/users/{user_id}/files/{file_id}', {
      params: { path: { ...path, file_id: deleted } },
    });
    expect(removal.response.status).toBe(200);

    const [early, late] = [someone('early'), someone('late')];
    const whileUploading = await shareByEmail(
      alice,
      (uploading as Schemas['CreateFileResponse']).file_id,
      {
        share_with: [early],
      },
    );
    expect(whileUploading.response.status).toBe(409);
    const afterDeletion = await shareByEmail(alice, deleted, { share_with: [late] });
    expect(afterDeletion.response.status).toBe(404);
    expect(await mailbox(early)).toHaveLength(0);
    expect(await mailbox(late)).toHaveLength(0);
  });
});

describe('e-mail shares while SES is down', () => {
  let s: SharingStack;
  let shipped: ServiceProcess;

  beforeAll(async () => {
    s = await startSharingStack();
    // The shipped bundle, pointed at a port nothing listens on (sign-up mail still works). In a
    // separate process because jest's sandbox hides the network error's code from the SDK.
    shipped = await startServiceProcess('sharing', {
      ...s.stack.env,
      SES_ENDPOINT: `http://127.0.0.1:${await freePort()}`,
    });
  }, 120_000);

  afterAll(async () => {
    await shipped?.stop();
    await s?.stop();
  });

  it('answers 503 and leaves no share behind and nothing in the mailbox', async () => {
    const owner = await s.newUser();
    const file = await s.upload(owner, randomBytes(16));
    const direct = createEnclaveClient({
      baseUrl: shipped.endpoint,
      token: () => owner.user.idToken,
    });
    const recipients = [someone('bob'), someone('carol')];
    const { error, response } = await shareByEmail({ ...owner, api: direct }, file, {
      share_with: recipients,
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('retry-after')).toBeTruthy();
    expect(error).toMatchObject({ status: 503, detail: expect.stringContaining('SES') });
    expect(await listShares(owner)).toHaveLength(0);
    const perFile = await owner.api.GET('/v1/users/{user_id}/shares', {
      params: { path: { user_id: owner.user.user_id }, query: { file_id: file } },
    });
    expect((perFile.data as Schemas['ShareList']).shares).toHaveLength(0);
    for (const address of recipients)
      expect(await mailboxFor(s.stack.ses.endpoint, address)).toHaveLength(0);
  });
});
