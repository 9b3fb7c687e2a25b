import type { Schemas } from '@enclave/api-contract';
import { parseDuration } from '../options/duration';
import { readSecretFromStdin } from '../options/stdin-secret';
import { parsePositiveInteger } from '../options/whole-number';
import { CliError, ExitCode } from '../output/cli-error';
import { formatTimestamp } from '../output/format';
import type { CliContext } from './context';

export interface LinkOptions {
  expires?: string;
  maxDownloads?: string;
  passwordStdin?: boolean;
}

/**
 * `enclave link <file_id>`: a share link anyone holding it can open. Only the URL goes to stdout
 * (`enclave link … | pbcopy`); what it allows is a notice on stderr.
 */
export async function link(
  context: CliContext,
  fileId: string,
  options: LinkOptions,
): Promise<void> {
  const body: Schemas['CreateShareLinkRequest'] = {
    ...(options.expires !== undefined && {
      expires_in: parseDuration('--expires', options.expires),
    }),
    ...(options.maxDownloads !== undefined && {
      max_downloads: parsePositiveInteger('--max-downloads', options.maxDownloads),
    }),
  };
  if (options.passwordStdin) {
    const password = await readSecretFromStdin(context.io.stdin);
    if (!password) throw new CliError('the password on standard input is empty', ExitCode.Usage);
    body.password = password;
  }
  const api = await context.sharesApi();
  const created = await api.createLink(fileId, body);
  context.print(created.url, created);
  if (!context.json) context.notice(describeLink(created));
}

function describeLink(link: Schemas['ShareLinkResponse']): string {
  const limits = [
    `expires ${formatTimestamp(link.expires_at)} UTC`,
    link.max_downloads === undefined
      ? 'no download limit'
      : `at most ${link.max_downloads} download${link.max_downloads === 1 ? '' : 's'}`,
    ...(link.password_protected ? ['password protected'] : []),
  ];
  return `Share ${link.share_id}: ${limits.join(', ')}. Revoke it with \`enclave revoke ${link.share_id}\`.`;
}
