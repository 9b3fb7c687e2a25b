/**
 * Time that moves only when told. `sleep` moves it by the time slept (then yields once), so a
 * waiter's backoff runs instantly while every deadline and lease still sees the time pass.
 */
export class ManualClock {
  constructor(private current = Date.UTC(2026, 11, 1)) {}

  readonly now = (): number => this.current;

  readonly sleep = async (ms: number): Promise<void> => {
    this.advance(ms);
    await new Promise((resolve) => setImmediate(resolve));
  };

  advance(ms: number): void {
    this.current += ms;
  }
}
