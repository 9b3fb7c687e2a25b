import type { Schemas } from '@enclave/api-contract';
import { input } from '@inquirer/prompts';
import { readSecretFromStdin } from '../options/stdin-secret';
import { CliError, ExitCode } from '../output/cli-error';
import { alignColumns } from '../output/columns';
import { formatTimestamp } from '../output/format';
import type { CliContext } from './context';

type KeyStatus = Schemas['KeyStatus'];

export interface ShredOptions {
  /** The user's e-mail, exactly: what a person would otherwise type (for scripts). */
  confirm?: string;
}

const MODES: Record<Schemas['KmsMode'], string> = {
  s3: 'S3-managed keys (SSE-S3): no key of your own',
  shared: 'one KMS key shared by every user (shared)',
  per_user: 'one KMS key of your own (per_user)',
};

const STATES: Record<KeyStatus['state'], string> = {
  NONE: 'no key of your own',
  CREATING: 'being created',
  READY: 'in use',
  SHREDDING: 'unfinished: files are left to remove; run `enclave key shred` again',
  SHREDDED: 'disabled; your files were removed',
};

/** `enclave key`: how the user's files are encrypted, and the state of their key. */
export async function key(context: CliContext): Promise<void> {
  const { api } = await context.keysApi();
  const status = await api.status();
  context.print(describeKey(status), status);
}

/**
 * `enclave key shred [--confirm <email>]`: crypto-shreds the user's files once they typed their
 * e-mail exactly, which also proves they are logged in as the account they mean to destroy.
 */
export async function shredKey(context: CliContext, options: ShredOptions): Promise<void> {
  const { api, session } = await context.keysApi();
  const status = await api.status();
  // Only per_user mode has a key of the user's own; in the others the API removes nothing and
  // answers 409 with its own explanation, which is the error to show.
  if (status.kms_mode === 'per_user') await confirmShred(context, session.email, status, options);
  const shredded = await api.shred();
  context.print(
    `Shredded: ${shredded.files_removed} file(s) removed. KMS destroys the key ` +
      `${shredded.key_id} on ${utc(shredded.deletion_date)}; from then on no copy of your ` +
      'files can be decrypted.',
    shredded,
  );
}

function describeKey(status: KeyStatus): string {
  const noneYet = status.kms_mode === 'per_user' && status.state === 'NONE';
  const rows = [
    ['Encryption:', MODES[status.kms_mode]],
    [
      'State:',
      `${status.state} (${noneYet ? 'no key yet: one is made at your first upload' : STATES[status.state]})`,
    ],
  ];
  if (status.key_id) rows.push(['Key:', status.key_id]);
  if (status.created_at) rows.push(['Created:', utc(status.created_at)]);
  if (status.deletion_date)
    rows.push(['Destroyed:', `${utc(status.deletion_date)} (by KMS, after its waiting period)`]);
  return alignColumns(rows);
}

async function confirmShred(
  context: CliContext,
  email: string,
  status: KeyStatus,
  options: ShredOptions,
): Promise<void> {
  const warning = [
    'This crypto-shreds everything you have stored:',
    `  - your KMS key${status.key_id ? ` ${status.key_id}` : ''} is disabled now, and KMS deletes it ` +
      'for good after a waiting period of at least 7 days;',
    '  - every file you have stored is removed, and its shares stop working.',
    'No copy of those files can be decrypted afterwards. This cannot be undone.',
  ].join('\n');
  // A script that passed --confirm has read this already; a person about to type must see it.
  if (options.confirm !== undefined) context.notice(warning);
  else context.io.stderr.write(`${warning}\n`);
  const typed = options.confirm ?? (await askForEmail(context, email));
  if (typed !== email)
    throw new CliError(`that is not ${email}: nothing was shredded`, ExitCode.Failure);
}

/** On a terminal a prompt; otherwise standard input (as `echo ada@example.com |` gives it). */
async function askForEmail(context: CliContext, email: string): Promise<string> {
  const question = `Type your e-mail (${email}) to shred:`;
  if (context.io.stdin.isTTY) return input({ message: question });
  context.io.stderr.write(`${question} (reading standard input)\n`);
  return readSecretFromStdin(context.io.stdin);
}

function utc(iso: string): string {
  return `${formatTimestamp(iso)} UTC`;
}
