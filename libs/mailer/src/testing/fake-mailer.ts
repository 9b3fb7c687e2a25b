import { DependencyUnavailable } from '@enclave/errors';
import type { Mail } from '../lib/mail';
import type { Mailer } from '../lib/mailer';

/** A Mailer that keeps what it was given; `down` makes every send fail as an SES outage would. */
export class FakeMailer implements Pick<Mailer, 'send'> {
  readonly sent: Mail[] = [];
  down = false;
  /** Fails only the sends to these addresses (a partial outage). */
  readonly failFor = new Set<string>();

  async send(mail: Mail): Promise<string> {
    if (this.down || this.failFor.has(mail.to)) throw new DependencyUnavailable('SES');
    this.sent.push(mail);
    return `fake-${this.sent.length}`;
  }
}
