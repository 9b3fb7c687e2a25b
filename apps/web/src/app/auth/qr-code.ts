import { InjectionToken } from '@angular/core';
import { toDataURL } from 'qrcode';

/** Draws text as a QR code PNG data URL; a token so specs need no canvas. */
export const QR_CODE_RENDERER = new InjectionToken<(text: string) => Promise<string>>(
  'QR_CODE_RENDERER',
  {
    providedIn: 'root',
    factory: () => (text) => toDataURL(text, { margin: 1, width: 224, errorCorrectionLevel: 'M' }),
  },
);
