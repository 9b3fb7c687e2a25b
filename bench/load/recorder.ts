import { performance } from 'node:perf_hooks';
import type { Sample } from './latency';
import type { OperationNamer } from './operation-names';

/** Which part of the run a request belongs to: only `load` counts towards the figures. */
export type Phase = 'load' | 'check';

export interface RecordedSample extends Sample {
  phase: Phase;
}

/** Every request the simulated users (and the final checks) made: what, its status and time. */
export class RequestRecorder {
  readonly samples: RecordedSample[] = [];
  phase: Phase = 'load';

  constructor(private readonly name: OperationNamer) {}

  record(method: string, url: URL, status: number, ms: number): void {
    this.samples.push({ operation: this.name(method, url), status, ms, phase: this.phase });
  }

  /** Every answer of 500 or more, in either phase: the run must have none. */
  serverErrors(): RecordedSample[] {
    return this.samples.filter((s) => s.status >= 500);
  }

  /**
   * A fetch that records each request. The body is read before the answer is handed on, so a
   * request's time includes its whole body (a download's bytes, not just its headers).
   */
  fetch(): typeof fetch {
    return async (input, init) => {
      const method = (
        init?.method ?? (input instanceof Request ? input.method : 'GET')
      ).toUpperCase();
      const url = new URL(input instanceof Request ? input.url : String(input));
      const started = performance.now();
      let response: Response;
      let body: ArrayBuffer | null;
      try {
        response = await fetch(input, init);
        body = response.body ? await response.arrayBuffer() : null;
      } catch (error) {
        this.record(method, url, 0, performance.now() - started);
        throw error;
      }
      this.record(method, url, response.status, performance.now() - started);
      // A fresh answer around the bytes already read; null-body statuses must carry no body.
      const bodyless = response.status === 204 || response.status === 304;
      return new Response(bodyless ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    };
  }
}
