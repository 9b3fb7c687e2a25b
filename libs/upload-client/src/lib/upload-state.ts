/** Which local file an upload belongs to: a caller's key, or name + size + modification time. */
export interface FileIdentity {
  key?: string;
  name: string;
  size: number;
  mtimeMs?: number;
}

export interface CompletedPart {
  part_number: number;
  etag: string;
  sha256?: string;
}

/** Everything needed to resume a multipart upload in another process. */
export interface UploadState {
  fileIdentity: FileIdentity;
  file_id: string;
  part_size: number;
  part_count: number;
  checksums: boolean;
  done: CompletedPart[];
}

/** Where upload states live between runs (files for the CLI, IndexedDB or memory elsewhere). */
export interface UploadStateStore {
  get(identity: FileIdentity): Promise<UploadState | undefined>;
  set(identity: FileIdentity, state: UploadState): Promise<void>;
  delete(identity: FileIdentity): Promise<void>;
}

/** One string per identity, for stores that key by string. */
export function identityKey(identity: FileIdentity): string {
  if (identity.key !== undefined) return `key:${identity.key}`;
  return `file:${JSON.stringify([identity.name, identity.size, identity.mtimeMs ?? null])}`;
}

export class MemoryUploadStateStore implements UploadStateStore {
  private readonly states = new Map<string, UploadState>();

  async get(identity: FileIdentity): Promise<UploadState | undefined> {
    const state = this.states.get(identityKey(identity));
    return state && structuredClone(state);
  }

  async set(identity: FileIdentity, state: UploadState): Promise<void> {
    this.states.set(identityKey(identity), structuredClone(state));
  }

  async delete(identity: FileIdentity): Promise<void> {
    this.states.delete(identityKey(identity));
  }
}
