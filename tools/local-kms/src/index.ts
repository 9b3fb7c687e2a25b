import { createServer } from 'node:http';
import { listenOnLoopback, type RunningService, runningServer } from '@enclave/local-stack';
import { ACCOUNT_ID, aliasArn, type KmsContext, keyArn } from './lib/context';
import type { Tag } from './lib/input';
import { KeyStore } from './lib/key-store';
import { kmsRequestListener, type OutageMode, type ServerState } from './lib/server';

export type { OutageMode } from './lib/server';
export type { Tag } from './lib/input';

export interface LocalKmsOptions {
  /** 0 (default) picks a free port; the server always binds 127.0.0.1. */
  port?: number;
  /** Folder keys, aliases and tags persist in (as kms.json); omitted = in memory only. */
  dataDir?: string;
  /** The region in ARNs; default 'us-east-1'. */
  region?: string;
  /** Clock for creation and deletion dates; default `() => new Date()`. */
  now?: () => Date;
}

/** A key as DescribeKey's KeyMetadata shows it (dates as Date, like the SDK), plus aliases and tags. */
export interface KmsKeySnapshot {
  AWSAccountId: string;
  KeyId: string;
  Arn: string;
  CreationDate: Date;
  Enabled: boolean;
  Description: string;
  KeyUsage: 'ENCRYPT_DECRYPT';
  KeySpec: 'SYMMETRIC_DEFAULT';
  KeyState: 'Enabled' | 'Disabled' | 'PendingDeletion';
  DeletionDate?: Date;
  /** Alias ARNs pointing at the key. */
  Aliases: string[];
  Tags: Tag[];
}

export interface RunningKms extends RunningService {
  /** Requests received for one operation (e.g. 'CreateKey'), outages included. */
  calls(operation: string): number;
  callCounts(): Record<string, number>;
  resetCalls(): void;
  /**
   * Simulates an outage until up(): 'refuse' (default) answers every request with KMS's
   * server fault (500 KMSInternalException); 'reset' drops the connection unanswered.
   */
  down(mode?: OutageMode): void;
  up(): void;
  keys(): KmsKeySnapshot[];
}

/** Starts the local stand-in of AWS KMS (JSON 1.1 protocol) for @aws-sdk/client-kms. */
export async function startLocalKms(options: LocalKmsOptions = {}): Promise<RunningKms> {
  const now = options.now ?? (() => new Date());
  const store = await KeyStore.open(options.dataDir);
  const context: KmsContext = {
    store,
    region: options.region ?? 'us-east-1',
    nowSeconds: () => now().getTime() / 1000,
  };
  const state: ServerState = { outage: undefined, calls: new Map() };
  const server = createServer(kmsRequestListener(context, state));
  await listenOnLoopback(server, options.port ?? 0);
  const running = runningServer(server);

  let stopped: Promise<void> | undefined;
  return {
    endpoint: running.endpoint,
    port: running.port,
    calls: (operation) => state.calls.get(operation) ?? 0,
    callCounts: () => Object.fromEntries(state.calls),
    resetCalls: () => state.calls.clear(),
    down(mode = 'refuse') {
      state.outage = mode;
    },
    up() {
      state.outage = undefined;
    },
    keys: () => snapshot(context),
    stop() {
      stopped ??= (async () => {
        await running.stop();
        await store.flush();
      })();
      return stopped;
    },
  };
}

function snapshot(context: KmsContext): KmsKeySnapshot[] {
  const date = (seconds: number): Date => new Date(seconds * 1000);
  return context.store.keys.map((key) => ({
    AWSAccountId: ACCOUNT_ID,
    KeyId: key.keyId,
    Arn: keyArn(context, key.keyId),
    CreationDate: date(key.creationDate),
    Enabled: key.keyState === 'Enabled',
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeySpec: key.keySpec,
    KeyState: key.keyState,
    ...(key.deletionDate === undefined ? {} : { DeletionDate: date(key.deletionDate) }),
    Aliases: context.store.aliases
      .filter((alias) => alias.targetKeyId === key.keyId)
      .map((alias) => aliasArn(context, alias.aliasName)),
    Tags: key.tags.map((tag) => ({ ...tag })),
  }));
}
export { ensureAliasedKey } from './lib/ensure-aliased-key';
