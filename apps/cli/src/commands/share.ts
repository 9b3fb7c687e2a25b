import type { Schemas } from '@enclave/api-contract';
import { parseDuration } from '../options/duration';
import { alignColumns } from '../output/columns';
import { CliError, ExitCode } from '../output/cli-error';
import { formatTimestamp } from '../output/format';
import type { CliContext } from './context';

export interface ShareOptions {
  to: string;
  expires?: string;
  message?: string;
}

/** `enclave share <file_id> --to a@x,b@y`: e-mails each recipient a link of their own. */
export async function share(
  context: CliContext,
  fileId: string,
  options: ShareOptions,
): Promise<void> {
  const body: Schemas['ShareByEmailRequest'] = {
    share_with: recipientsFrom(options.to),
    ...(options.expires !== undefined && {
      expires_in: parseDuration('--expires', options.expires),
    }),
    ...(options.message !== undefined && { message: options.message }),
  };
  const api = await context.sharesApi();
  const shared = await api.shareByEmail(fileId, body);
  context.print(
    [
      `Shared ${shared.file_name} with ${shared.shares.length} ${shared.shares.length === 1 ? 'person' : 'people'}:`,
      alignColumns(
        shared.shares.map((s) => [
          `  ${s.recipient ?? ''}`,
          s.share_id,
          `expires ${formatTimestamp(s.expires_at)}`,
        ]),
      ),
    ].join('\n'),
    shared,
  );
}

/** `a@x.com, b@y.com` → each address once; the API checks that each is a valid address. */
export function recipientsFrom(list: string): string[] {
  const seen = new Map<string, string>();
  for (const address of list.split(',').map((a) => a.trim())) {
    if (address && !seen.has(address.toLowerCase())) seen.set(address.toLowerCase(), address);
  }
  if (seen.size === 0)
    throw new CliError('--to needs at least one e-mail address (a@x.com,b@y.com)', ExitCode.Usage);
  return [...seen.values()];
}
