import type { AwsCallLimits } from '@enclave/config';

/** One message to one person. Addresses are validated before they get here (see openapi.yaml). */
export interface Mail {
  to: string;
  /** Where the recipient's reply goes (the person who shared), when known. */
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
}

export const MAILER_OPTIONS = Symbol('MAILER_OPTIONS');

export interface MailerOptions {
  region: string;
  /** Only for the local stand-in (aws-ses-v2-local); empty on AWS. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Timeouts and attempts per SES call; the SDK's defaults when absent. */
  limits?: AwsCallLimits;
  /** The sender, e.g. `Enclave <no-reply@example.com>` (an SES-verified identity on AWS). */
  from: string;
}
