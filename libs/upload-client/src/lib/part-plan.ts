export interface ByteRange {
  start: number;
  /** Exclusive. */
  end: number;
}

/** Part n (1-based) covers [(n-1)·part_size, min(n·part_size, size)). */
export function partRange(partNumber: number, partSize: number, size: number): ByteRange {
  const start = (partNumber - 1) * partSize;
  return { start, end: Math.min(start + partSize, size) };
}

export function partLength(partNumber: number, partSize: number, size: number): number {
  const { start, end } = partRange(partNumber, partSize, size);
  return end - start;
}
