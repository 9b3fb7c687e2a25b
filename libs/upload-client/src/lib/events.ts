import type { UploadProgress } from './progress';

export type PartEvent =
  | { type: 'started'; part_number: number; bytes: number }
  | { type: 'done'; part_number: number; bytes: number; etag: string }
  | { type: 'retrying'; part_number: number; attempt: number; delayMs: number; error: unknown };

export interface UploadEvents {
  /** The file's record exists: a new upload, or a saved one being resumed. */
  created: { file_id: string; multipart: boolean; resumed: boolean; partCount: number };
  progress: UploadProgress;
  part: PartEvent;
}

type Listener<T> = (event: T) => void;

/** A minimal typed emitter: the library runs in browsers too, so no node:events. */
export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as Listener<never>);
    this.listeners.set(event, set);
    return () => set.delete(listener as Listener<never>);
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as Listener<Events[K]>)(payload);
  }
}
