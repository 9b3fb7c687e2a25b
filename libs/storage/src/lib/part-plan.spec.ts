import { MAX_OBJECT_BYTES, MAX_PARTS, MIN_PART_BYTES, partLength, planParts } from './part-plan';

const MiB = 1024 ** 2;

describe('planParts', () => {
  it('uses the preferred part size while it fits in 10,000 parts', () => {
    expect(planParts(100 * MiB, 16 * MiB)).toEqual({ partSize: 16 * MiB, partCount: 7 });
  });

  it('never plans parts below S3’s 5 MiB minimum', () => {
    expect(planParts(20 * MiB, 1 * MiB)).toEqual({ partSize: MIN_PART_BYTES, partCount: 4 });
  });

  it('grows parts so that 5 TiB takes at most 10,000, each but the last ≥ 5 MiB', () => {
    const plan = planParts(MAX_OBJECT_BYTES, 16 * MiB);
    expect(plan.partCount).toBeLessThanOrEqual(MAX_PARTS);
    expect(plan.partSize % MiB).toBe(0);
    expect((plan.partCount - 1) * plan.partSize).toBeLessThan(MAX_OBJECT_BYTES);
    expect(plan.partCount * plan.partSize).toBeGreaterThanOrEqual(MAX_OBJECT_BYTES);
  });

  it('sizes every part exactly, the last one possibly tiny', () => {
    const size = 3 * 16 * MiB + 1;
    const plan = planParts(size, 16 * MiB);
    expect(plan.partCount).toBe(4);
    const lengths = [1, 2, 3, 4].map((n) => partLength(size, plan, n));
    expect(lengths).toEqual([16 * MiB, 16 * MiB, 16 * MiB, 1]);
    expect(lengths.reduce((a, b) => a + b)).toBe(size);
  });

  it('plans one part for an exact multiple', () => {
    expect(planParts(16 * MiB, 16 * MiB)).toEqual({ partSize: 16 * MiB, partCount: 1 });
  });
});
