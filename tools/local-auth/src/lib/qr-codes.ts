import QRCode from 'qrcode';
import { randomToken } from './tokens';

export const QR_TTL_MS = 5 * 60 * 1000;

interface QrImage {
  png: Buffer;
  expiresAt: number;
}

/**
 * QR images of TOTP secrets, each behind an unguessable id for a few minutes. The image holds
 * the MFA secret, so it lives only in memory and expires quickly.
 */
export class QrCodes {
  private readonly images = new Map<string, QrImage>();

  constructor(private readonly now: () => number) {}

  /** Renders `content` and returns the id to fetch it by. */
  async add(content: string): Promise<string> {
    this.prune();
    const png = await QRCode.toBuffer(content, {
      type: 'png',
      errorCorrectionLevel: 'M',
      margin: 2,
      width: 256,
    });
    const id = randomToken();
    this.images.set(id, { png, expiresAt: this.now() + QR_TTL_MS });
    return id;
  }

  get(id: string): Buffer | undefined {
    const image = this.images.get(id);
    if (!image) return undefined;
    if (image.expiresAt <= this.now()) {
      this.images.delete(id);
      return undefined;
    }
    return image.png;
  }

  private prune(): void {
    const now = this.now();
    for (const [id, image] of this.images) if (image.expiresAt <= now) this.images.delete(id);
  }
}
