import { createServer } from 'node:http';
import { listenOnLoopback, type RunningService, runningServer } from '@enclave/local-stack';
import { createApp } from './lib/app';
import { Mailer } from './lib/mailer';
import { QrCodes } from './lib/qr-codes';
import { TokenSigner } from './lib/tokens';
import { UsersStore } from './lib/users-store';

export interface LocalAuthOptions {
  /** 0 (default) picks a free port; the server always binds 127.0.0.1. */
  port?: number;
  /** JSON file the users, sessions and signing key persist in; omitted = in memory only. */
  dataFile?: string;
  /** SES v2 endpoint the e-mails go to, e.g. http://127.0.0.1:8005 (aws-ses-v2-local). */
  sesEndpoint: string;
  /** Default 'us-east-1'. */
  sesRegion?: string;
  /** Default 'no-reply@enclave.local'. */
  mailFrom?: string;
  /** Lifetime of ID and access tokens; default 3600. */
  tokenTtlSeconds?: number;
  /** ms clock, for tests of expiry; default Date.now. */
  now?: () => number;
}

/** Starts the local stand-in of the auth microservice (see auth-contract.md). */
export async function startLocalAuth(options: LocalAuthOptions): Promise<RunningService> {
  const now = options.now ?? Date.now;
  const ttl = options.tokenTtlSeconds ?? 3600;
  const store = await UsersStore.open(options.dataFile);
  const tokens = await loadOrCreateSigner(store, ttl);
  const mailer = new Mailer({
    sesEndpoint: options.sesEndpoint,
    region: options.sesRegion ?? 'us-east-1',
    from: options.mailFrom ?? 'no-reply@enclave.local',
  });
  let baseUrl = '';
  const app = createApp({
    store,
    tokens,
    mailer,
    qrCodes: new QrCodes(now),
    now,
    baseUrl: () => baseUrl,
  });

  const server = createServer(app);
  await listenOnLoopback(server, options.port ?? 0).catch((error: unknown) => {
    mailer.close();
    throw error;
  });
  const running = runningServer(server);
  baseUrl = running.endpoint;

  let stopped: Promise<void> | undefined;
  return {
    endpoint: running.endpoint,
    port: running.port,
    stop() {
      stopped ??= (async () => {
        await running.stop();
        mailer.close();
        await store.flush();
      })();
      return stopped;
    },
  };
}

async function loadOrCreateSigner(store: UsersStore, ttl: number): Promise<TokenSigner> {
  if (store.signingKey) return TokenSigner.fromJwk(store.signingKey, ttl);
  const { signer, jwk } = await TokenSigner.generate(ttl);
  store.setSigningKey(jwk);
  await store.save();
  return signer;
}
