/** One message as the local SES mailbox (`GET /store`) reports it. */
export interface MailboxMessage {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  replyTo?: string[];
  subject: string;
  body: { text?: string; html?: string };
  /** Seconds since the epoch. */
  at: number;
}

/** Every message the local SES mailbox holds for `address`, oldest first. */
export async function mailboxFor(sesEndpoint: string, address: string): Promise<MailboxMessage[]> {
  const response = await fetch(`${sesEndpoint}/store`);
  if (!response.ok) throw new Error(`mailbox answered ${response.status}`);
  const { emails } = (await response.json()) as { emails: MailboxMessage[] };
  const wanted = address.toLowerCase();
  return emails.filter((email) =>
    [...email.destination.to, ...email.destination.cc, ...email.destination.bcc].some(
      (to) => to.toLowerCase() === wanted || to.toLowerCase().endsWith(`<${wanted}>`),
    ),
  );
}

/**
 * Waits until a message to `address` whose text contains `pattern` arrives and returns the first
 * capture group (e.g. /^Temporary password: (.+)$/m). Mail is sent asynchronously, so poll.
 */
export async function waitForMailValue(
  sesEndpoint: string,
  address: string,
  pattern: RegExp,
  timeoutMs = 5000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = await mailboxFor(sesEndpoint, address);
    for (const message of messages.reverse()) {
      const match = pattern.exec(message.body.text ?? message.body.html ?? '');
      if (match?.[1]) return match[1];
    }
    if (Date.now() > deadline)
      throw new Error(`no mail to ${address} matching ${pattern} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
