import type { Schemas } from '@enclave/api-contract';
import { ApiError } from './errors';
import type { FilesApi } from './files-api';
import { partLength } from './part-plan';
import type { CompletedPart, FileIdentity, UploadState, UploadStateStore } from './upload-state';

export type ResumeDecision =
  | { kind: 'fresh' }
  | { kind: 'finished'; file: Schemas['FileSummary'] }
  | { kind: 'resume'; state: UploadState };

/** Statuses that mean the saved file_id is of no further use: start again. */
const GONE = new Set([403, 404, 410]);

/**
 * Decides what a saved state is worth: the file may have finished (a crash between `complete`
 * and forgetting the state), expired or been deleted, or still be UPLOADING and resumable.
 */
export async function decideResume(
  api: FilesApi,
  store: UploadStateStore,
  identity: FileIdentity,
  checksums: boolean,
): Promise<ResumeDecision> {
  const saved = await store.get(identity);
  if (!saved) return { kind: 'fresh' };
  const forget = async (): Promise<ResumeDecision> => {
    await store.delete(identity);
    return { kind: 'fresh' };
  };
  // A state written for other bytes, or with other checksum settings, cannot be continued.
  if (saved.fileIdentity.size !== identity.size || saved.checksums !== checksums) return forget();
  let file: Schemas['FileSummary'];
  try {
    file = await api.getFile(saved.file_id);
  } catch (error) {
    if (error instanceof ApiError && GONE.has(error.status)) return forget();
    throw error;
  }
  if (file.status === 'READY' && file.size === identity.size) {
    await store.delete(identity);
    return { kind: 'finished', file };
  }
  if (file.status !== 'UPLOADING') return forget();
  return { kind: 'resume', state: { ...saved, done: await partsStored(api, saved) } };
}

/**
 * The parts S3 holds, from the API when it can list them; the local S3 stand-in cannot (501),
 * and then the parts this client saved as finished are taken as stored.
 */
async function partsStored(api: FilesApi, saved: UploadState): Promise<CompletedPart[]> {
  let listed: Schemas['UploadedParts'];
  try {
    listed = await api.listUploadedParts(saved.file_id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 501) return saved.done;
    throw error;
  }
  const savedDigests = new Map(saved.done.map((part) => [part.part_number, part.sha256]));
  return listed.parts.flatMap((part) => {
    const expected = partLength(part.part_number, saved.part_size, saved.fileIdentity.size);
    const sha256 = part.sha256 ?? savedDigests.get(part.part_number);
    // A part of another length is not the one this plan needs, and with checksums `complete`
    // needs every part's digest: either way, send it again.
    const usable =
      part.part_number >= 1 &&
      part.part_number <= saved.part_count &&
      part.size === expected &&
      (!saved.checksums || sha256 !== undefined);
    if (!usable) return [];
    return [{ part_number: part.part_number, etag: part.etag, ...(sha256 ? { sha256 } : {}) }];
  });
}
