import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';

export interface MailerOptions {
  sesEndpoint: string;
  region: string;
  from: string;
}

/** Sends the service's e-mails through SES v2; locally that is the aws-ses-v2-local mailbox. */
export class Mailer {
  private readonly client: SESv2Client;

  constructor(private readonly options: MailerOptions) {
    this.client = new SESv2Client({
      region: options.region,
      endpoint: options.sesEndpoint,
      // The local mailbox ignores credentials; fixed ones keep the SDK from searching for real ones.
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  }

  sendTemporaryPassword(to: string, name: string, temporaryPassword: string): Promise<void> {
    return this.send(
      to,
      'Your Enclave temporary password',
      [
        `Hello ${name},`,
        '',
        'An Enclave account was created for this address. Sign in with this temporary password',
        'and choose your own; you will then set up an authenticator app.',
        '',
        `Temporary password: ${temporaryPassword}`,
        '',
        'The temporary password expires in 7 days.',
      ].join('\n'),
    );
  }

  sendVerificationCode(to: string, code: string): Promise<void> {
    return this.send(
      to,
      'Your Enclave password reset code',
      [
        'Someone asked to reset the password of your Enclave account. If it was you, enter this code:',
        '',
        `Verification code: ${code}`,
        '',
        'The code expires in 1 hour. If you did not ask, ignore this message.',
      ].join('\n'),
    );
  }

  close(): void {
    this.client.destroy();
  }

  private async send(to: string, subject: string, text: string): Promise<void> {
    await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.options.from,
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: text } } } },
      }),
    );
  }
}
