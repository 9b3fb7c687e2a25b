import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  identityKey,
  type FileIdentity,
  type UploadState,
  type UploadStateStore,
} from '../upload-state';

/**
 * Upload states as small JSON files in a directory (one per file identity, named by its hash),
 * written atomically (temp file + rename) so a killed process never leaves half a state.
 */
export class FileUploadStateStore implements UploadStateStore {
  constructor(private readonly directory: string) {}

  async get(identity: FileIdentity): Promise<UploadState | undefined> {
    try {
      const state = JSON.parse(await readFile(this.file(identity), 'utf8')) as UploadState;
      return identityKey(state.fileIdentity) === identityKey(identity) ? state : undefined;
    } catch (error) {
      // Missing is the normal case; a corrupt file is as good as missing.
      if (isMissing(error) || error instanceof SyntaxError) return undefined;
      throw error;
    }
  }

  async set(identity: FileIdentity, state: UploadState): Promise<void> {
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const file = this.file(identity);
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(state), { mode: 0o600 });
    await rename(temporary, file);
  }

  async delete(identity: FileIdentity): Promise<void> {
    await rm(this.file(identity), { force: true });
  }

  private file(identity: FileIdentity): string {
    const hash = createHash('sha256').update(identityKey(identity)).digest('hex').slice(0, 32);
    return path.join(this.directory, `${hash}.json`);
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
