/** S3's multipart rules. */
export const MIN_PART_BYTES = 5 * 1024 ** 2;
export const MAX_PART_BYTES = 5 * 1024 ** 3;
export const MAX_PARTS = 10_000;
export const MAX_OBJECT_BYTES = 5 * 1024 ** 4;

export interface PartPlan {
  partSize: number;
  partCount: number;
}

/**
 * The preferred part size, grown (in whole MiB) only as far as S3's 10,000-part limit needs:
 * every part but the last is then ≥ 5 MiB and a 5 TiB object takes at most 10,000 parts.
 */
export function planParts(size: number, preferredPartSize: number): PartPlan {
  const mib = 1024 ** 2;
  const needed = Math.ceil(Math.ceil(size / MAX_PARTS) / mib) * mib;
  const partSize = Math.min(MAX_PART_BYTES, Math.max(MIN_PART_BYTES, preferredPartSize, needed));
  return { partSize, partCount: Math.max(1, Math.ceil(size / partSize)) };
}

/** Bytes in part `partNumber` (1-based) of a `size`-byte object. */
export function partLength(size: number, plan: PartPlan, partNumber: number): number {
  return Math.min(plan.partSize, size - (partNumber - 1) * plan.partSize);
}
