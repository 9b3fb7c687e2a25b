import { DOCUMENT, inject, InjectionToken, type Provider } from '@angular/core';
import { createFilesApi, type FilesApi } from '@enclave/upload-client';
import { EnclaveApi } from '../core/enclave-api';
import { LocalUploadStateStore } from './local-upload-state-store';
import { enclaveUploadEngine } from './upload-engine';
import type { UploadEngine } from './upload-queue';

/** The signed-in user's file operations on the Enclave API. */
export const FILES_API = new InjectionToken<FilesApi>('FILES_API');

/** How uploads are carried out (the upload-client; a fake in tests). */
export const UPLOAD_ENGINE = new InjectionToken<UploadEngine>('UPLOAD_ENGINE');

/** Where interrupted uploads are remembered across reloads. */
export const UPLOAD_STATE_STORE = new InjectionToken<LocalUploadStateStore>('UPLOAD_STATE_STORE');

/** Sends the browser to a URL: a presigned download answers with an attachment, so the page stays. */
export const NAVIGATE_TO = new InjectionToken<(url: string) => void>('NAVIGATE_TO', {
  providedIn: 'root',
  factory: () => {
    const location = inject(DOCUMENT).location;
    return (url) => location.assign(url);
  },
});

/**
 * Per page, not per app: the user id is read when the page opens, so another sign-in in the same
 * tab never reuses the previous user's paths.
 */
export function provideFiles(): Provider[] {
  return [
    {
      provide: FILES_API,
      useFactory: () => {
        const api = inject(EnclaveApi);
        return createFilesApi(api.client, api.userId());
      },
    },
    { provide: UPLOAD_ENGINE, useFactory: () => enclaveUploadEngine(inject(FILES_API)) },
    {
      provide: UPLOAD_STATE_STORE,
      useFactory: () => new LocalUploadStateStore(localStorage, inject(EnclaveApi).userId()),
    },
  ];
}
