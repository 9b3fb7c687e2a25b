import type { Schemas } from '@enclave/api-contract';
import { formatShareTable } from '../output/share-table';
import type { CliContext } from './context';

export interface SharesOptions {
  file?: string;
}

/** `enclave shares [--file <file_id>]`: every share of the user's files (or of one), newest first. */
export async function shares(context: CliContext, options: SharesOptions): Promise<void> {
  const api = await context.sharesApi();
  const all: Schemas['Share'][] = [];
  let cursor: string | undefined;
  do {
    const page = await api.listShares({
      ...(options.file ? { file_id: options.file } : {}),
      ...(cursor ? { cursor } : {}),
    });
    all.push(...page.shares);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  context.print(formatShareTable(all), { shares: all });
}
