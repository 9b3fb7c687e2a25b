import type { Schemas } from '@enclave/api-contract';
import { CliError, ExitCode } from '../output/cli-error';
import { formatFileTable } from '../output/format';
import type { CliContext } from './context';

export interface LsOptions {
  limit?: string;
}

const PAGE = 100;

/** `enclave ls`: the user's files, newest first, following the API's pages. */
export async function ls(context: CliContext, options: LsOptions): Promise<void> {
  const limit = options.limit === undefined ? Infinity : Number(options.limit);
  if (!(limit > 0) || (!Number.isInteger(limit) && limit !== Infinity))
    throw new CliError('--limit must be a positive whole number', ExitCode.Usage);
  const { api } = await context.filesApi();
  const files: Schemas['FileSummary'][] = [];
  let cursor: string | undefined;
  do {
    const page = await api.listFiles({
      limit: Math.min(PAGE, limit - files.length),
      ...(cursor ? { cursor } : {}),
    });
    files.push(...page.user_files);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && files.length < limit);
  context.print(formatFileTable(files), { files });
}
