import type { RequestHandler } from 'express';
import type { AuthContext } from '../context';
import { AuthError } from '../errors';

/** `GET /v1/qr/{id}.png`: the QR image of a TOTP secret, until it expires. */
export const qrImage =
  (context: AuthContext): RequestHandler =>
  (request, response) => {
    const id: unknown = request.params['id'];
    const png = typeof id === 'string' ? context.qrCodes.get(id) : undefined;
    if (!png) throw new AuthError(404, 'QR code not found or expired.');
    // It encodes the MFA secret: never cache it, never leak its URL onwards.
    response
      .set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' })
      .type('image/png')
      .send(png);
  };
