import { GetAccountCommand, SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { Inject, Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
import { awsClientLimits } from '@enclave/config';
import {
  awsAnswers,
  DependencyChecks,
  DependencyFailed,
  DependencyUnavailable,
  isAwsOutage,
} from '@enclave/errors';
import { type Mail, MAILER_OPTIONS, type MailerOptions } from './mail';

/** Sends e-mail through SES v2 and speaks the domain about its failures (503 when SES is down). */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly ses: SESv2Client;

  constructor(
    @Inject(MAILER_OPTIONS) private readonly options: MailerOptions,
    @Optional() @Inject(DependencyChecks) checks?: DependencyChecks,
  ) {
    this.ses = new SESv2Client({
      region: options.region,
      endpoint: options.endpoint,
      credentials: options.credentials,
      ...awsClientLimits(options.limits),
    });
    checks?.register('ses', () => awsAnswers(() => this.ses.send(new GetAccountCommand({}))));
  }

  /** Resolves once SES has accepted the message; returns its message id. */
  async send(mail: Mail): Promise<string | undefined> {
    try {
      const answer = await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: this.options.from,
          Destination: { ToAddresses: [mail.to] },
          ReplyToAddresses: mail.replyTo ? [mail.replyTo] : undefined,
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: {
                Text: { Data: mail.text, Charset: 'UTF-8' },
                Html: { Data: mail.html, Charset: 'UTF-8' },
              },
            },
          },
        }),
      );
      return answer.MessageId;
    } catch (error) {
      if (isAwsOutage(error)) throw new DependencyUnavailable('SES', error);
      throw new DependencyFailed('SES', error);
    }
  }

  onModuleDestroy(): void {
    this.ses.destroy();
  }
}
