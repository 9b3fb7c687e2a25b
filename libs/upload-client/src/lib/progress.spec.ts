import { ProgressTracker } from './progress';

describe('ProgressTracker', () => {
  it('measures the rate over this run only and derives the ETA from it', () => {
    let now = 0;
    const tracker = new ProgressTracker(1000, 10, () => now);
    tracker.start(200, 2); // resumed: 2 parts already stored
    now = 1000;
    tracker.add(100);
    now = 2000;
    tracker.add(100);

    expect(tracker.snapshot()).toEqual({
      bytesDone: 400,
      bytesTotal: 1000,
      rate: 100,
      etaSeconds: 6,
      partsDone: 4,
      partCount: 10,
    });
  });

  it('forgets samples older than its window, so the rate follows the recent speed', () => {
    let now = 0;
    const tracker = new ProgressTracker(10_000, 100, () => now, 10_000);
    tracker.start(0, 0);
    for (let second = 1; second <= 10; second++) {
      now = second * 1000;
      tracker.add(10);
    }
    for (let second = 11; second <= 30; second++) {
      now = second * 1000;
      tracker.add(100);
    }
    expect(tracker.snapshot().rate).toBeCloseTo(100, 0);
  });

  it('has no ETA before any byte moved, and zero when all are done', () => {
    const tracker = new ProgressTracker(10, 1, () => 0);
    tracker.start(0, 0);
    expect(tracker.snapshot().etaSeconds).toBeUndefined();
    tracker.add(10);
    expect(tracker.snapshot().etaSeconds).toBe(0);
  });
});
