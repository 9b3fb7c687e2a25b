import { BlobByteSource, Upload, type FilesApi } from '@enclave/upload-client';
import type { UploadEngine } from './upload-queue';

/** The real engine: each file through the upload-client, resumable from its saved state. */
export function enclaveUploadEngine(api: FilesApi): UploadEngine {
  return (file, { identity, store, signal }) =>
    new Upload({ api, source: new BlobByteSource(file), identity, stateStore: store, signal });
}
