import type { Schemas } from '@enclave/api-contract';

export type FileSummary = Schemas['FileSummary'];

export type FileSort = 'newest' | 'oldest' | 'name-asc' | 'name-desc' | 'largest' | 'smallest';

export const FILE_SORT_LABELS: Record<FileSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  'name-asc': 'Name (A–Z)',
  'name-desc': 'Name (Z–A)',
  largest: 'Largest first',
  smallest: 'Smallest first',
};

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compare(sort: FileSort): (a: FileSummary, b: FileSummary) => number {
  switch (sort) {
    case 'newest':
      return (a, b) => time(b) - time(a);
    case 'oldest':
      return (a, b) => time(a) - time(b);
    case 'name-asc':
      return (a, b) => byName.compare(a.file_name, b.file_name);
    case 'name-desc':
      return (a, b) => byName.compare(b.file_name, a.file_name);
    case 'largest':
      return (a, b) => b.size - a.size;
    case 'smallest':
      return (a, b) => a.size - b.size;
  }
}

/**
 * The loaded files a person asked to see: names containing every word of the search (any case,
 * any order), in the chosen order. Ties keep the API's order (newest first), as sort is stable.
 */
export function visibleFiles(
  files: readonly FileSummary[],
  search: string,
  sort: FileSort,
): FileSummary[] {
  const words = search.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const matching = files.filter((file) => {
    const name = file.file_name.toLocaleLowerCase();
    return words.every((word) => name.includes(word));
  });
  return matching.sort(compare(sort));
}

function time(file: FileSummary): number {
  return Date.parse(file.uploaded_at);
}
