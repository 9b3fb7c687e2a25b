import { DOCUMENT, inject, InjectionToken } from '@angular/core';

/** Sends the browser to a download link; a token so specs can see where it would go. */
export const OPEN_URL = new InjectionToken<(url: string) => void>('OPEN_URL', {
  providedIn: 'root',
  factory: () => {
    const document = inject(DOCUMENT);
    return (url: string) => document.location.assign(url);
  },
});
