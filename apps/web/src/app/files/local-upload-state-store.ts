import {
  identityKey,
  type FileIdentity,
  type UploadState,
  type UploadStateStore,
} from '@enclave/upload-client';

/** Saved upload states that can also be listed, so a reload can tell which uploads it interrupted. */
export interface ListableUploadStateStore extends UploadStateStore {
  list(): UploadState[];
}

/**
 * Multipart upload states in localStorage, one entry per file (name + size + last modified) and
 * per user, so that picking the same file after a reload resumes it. Only ids, sizes and part
 * ETags are kept: nothing that grants access without the user's token.
 */
export class LocalUploadStateStore implements ListableUploadStateStore {
  private readonly prefix: string;

  constructor(
    private readonly storage: Storage,
    userId: string,
  ) {
    this.prefix = `enclave.uploads.${userId}:`;
  }

  async get(identity: FileIdentity): Promise<UploadState | undefined> {
    const state = this.read(this.key(identity));
    return state && identityKey(state.fileIdentity) === identityKey(identity) ? state : undefined;
  }

  async set(identity: FileIdentity, state: UploadState): Promise<void> {
    try {
      this.storage.setItem(this.key(identity), JSON.stringify(state));
    } catch {
      // Full or disabled storage only loses resume-after-reload; the upload itself goes on.
    }
  }

  async delete(identity: FileIdentity): Promise<void> {
    this.storage.removeItem(this.key(identity));
  }

  list(): UploadState[] {
    const states: UploadState[] = [];
    for (let index = 0; index < this.storage.length; index++) {
      const key = this.storage.key(index);
      const state = key?.startsWith(this.prefix) ? this.read(key) : undefined;
      if (state) states.push(state);
    }
    return states;
  }

  private key(identity: FileIdentity): string {
    return this.prefix + identityKey(identity);
  }

  private read(key: string): UploadState | undefined {
    try {
      const state = JSON.parse(this.storage.getItem(key) ?? 'null') as UploadState | null;
      return state?.fileIdentity && typeof state.file_id === 'string' ? state : undefined;
    } catch {
      // Written by another version or by hand: as good as missing.
      return undefined;
    }
  }
}
