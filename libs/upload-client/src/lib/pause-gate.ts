import { abortReason } from './backoff';

/**
 * Pausing aborts the transfers in flight through `signal` and holds new ones at `wait()` until
 * `resume()`. Each pause gets a fresh signal, so a transfer can tell a pause from a stop.
 */
export class PauseGate {
  private controller = new AbortController();
  private released?: () => void;
  private gate?: Promise<void>;

  get paused(): boolean {
    return this.gate !== undefined;
  }

  /** Aborted when a pause begins; a transfer started now should listen to it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  pause(): void {
    if (this.gate) return;
    this.gate = new Promise((resolve) => (this.released = resolve));
    this.controller.abort(new DOMException('paused', 'AbortError'));
  }

  resume(): void {
    if (!this.gate) return;
    this.controller = new AbortController();
    this.gate = undefined;
    this.released?.();
  }

  /** Resolves at once when running, otherwise at resume; rejects when `stop` aborts first. */
  async wait(stop: AbortSignal): Promise<void> {
    while (this.gate) {
      if (stop.aborted) throw abortReason(stop);
      const gate = this.gate;
      await new Promise<void>((resolve, reject) => {
        const onStop = () => reject(abortReason(stop));
        stop.addEventListener('abort', onStop, { once: true });
        void gate.then(() => {
          stop.removeEventListener('abort', onStop);
          resolve();
        });
      });
    }
    if (stop.aborted) throw abortReason(stop);
  }
}
