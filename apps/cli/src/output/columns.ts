/**
 * Rows as aligned columns, two spaces apart. The last column is never padded (it may hold spaces
 * and run long); columns listed in `alignRight` (numbers) are padded on the left.
 */
export function alignColumns(
  rows: readonly (readonly string[])[],
  alignRight: readonly number[] = [],
): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1
            ? cell
            : alignRight.includes(column)
              ? cell.padStart(widths[column] ?? 0)
              : cell.padEnd(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}
