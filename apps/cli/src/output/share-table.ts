import type { Schemas } from '@enclave/api-contract';
import { alignColumns } from './columns';
import { formatTimestamp } from './format';

const FILE_NAME_WIDTH = 32;

/** `enclave shares` as aligned columns: who can reach which file, and how it has been used. */
export function formatShareTable(shares: readonly Schemas['Share'][]): string {
  if (shares.length === 0) return 'No shares.';
  return alignColumns(
    [
      ['SHARE ID', 'FILE', 'TO', 'STATE', 'DOWNLOADS', 'EXPIRES', 'LAST ACCESS'],
      ...shares.map((share) => [
        share.share_id,
        shortened(share.file_name),
        share.kind === 'LINK'
          ? `link${share.password_protected ? ' (password)' : ''}`
          : (share.recipient ?? 'e-mail'),
        share.state,
        share.max_downloads === undefined
          ? String(share.downloads)
          : `${share.downloads}/${share.max_downloads}`,
        formatTimestamp(share.expires_at),
        share.last_access_at ? formatTimestamp(share.last_access_at) : '-',
      ]),
    ],
    [4],
  );
}

function shortened(name: string): string {
  return name.length > FILE_NAME_WIDTH ? `${name.slice(0, FILE_NAME_WIDTH - 1)}…` : name;
}
