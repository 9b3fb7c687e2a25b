import type { Mailer } from './mailer';
import type { QrCodes } from './qr-codes';
import type { TokenSigner } from './tokens';
import type { UsersStore } from './users-store';

/** What every route needs; built once in startLocalAuth. */
export interface AuthContext {
  store: UsersStore;
  tokens: TokenSigner;
  mailer: Mailer;
  qrCodes: QrCodes;
  /** ms since the epoch; injectable so tests can move time. */
  now: () => number;
  /** This server's base URL, known once it listens. */
  baseUrl: () => string;
}
