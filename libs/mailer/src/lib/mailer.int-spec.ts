import { DependencyUnavailable } from '@enclave/errors';
import {
  freePort,
  LOCAL_ACCESS_KEY_ID,
  LOCAL_SECRET_ACCESS_KEY,
  mailboxFor,
  type RunningService,
  startSes,
} from '@enclave/local-stack';
import { Mailer } from './mailer';

const credentials = { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY };
let ses: RunningService;
const mailers: Mailer[] = [];

function mailer(endpoint: string): Mailer {
  const made = new Mailer({
    region: 'us-east-1',
    endpoint,
    credentials,
    from: 'Enclave <no-reply@enclave.test>',
  });
  mailers.push(made);
  return made;
}

beforeAll(async () => {
  ses = await startSes();
});

afterAll(async () => {
  for (const made of mailers) made.onModuleDestroy();
  await ses?.stop();
});

describe('Mailer, against the local SES', () => {
  it('sends one message, text and HTML, from the sender with the Reply-To given', async () => {
    const id = await mailer(ses.endpoint).send({
      to: 'reader@example.test',
      replyTo: 'owner@example.test',
      subject: 'A file for you — “plans.pdf”',
      text: 'Plain text',
      html: '<p>HTML</p>',
    });
    expect(id).toBeTruthy();
    const [message] = await mailboxFor(ses.endpoint, 'reader@example.test');
    expect(message).toMatchObject({
      from: 'Enclave <no-reply@enclave.test>',
      subject: 'A file for you — “plans.pdf”',
      replyTo: ['owner@example.test'],
      body: { text: 'Plain text', html: '<p>HTML</p>' },
    });
  });

  it('speaks of an SES that does not answer as an outage (503), not as a bug', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const sending = mailer(dead).send({
      to: 'reader@example.test',
      subject: 'x',
      text: 'x',
      html: 'x',
    });
    await expect(sending).rejects.toBeInstanceOf(DependencyUnavailable);
  });
});
