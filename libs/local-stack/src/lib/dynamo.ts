import dynalite from 'dynalite';
import { mkdir } from 'node:fs/promises';
import { listenOnLoopback, type RunningService, runningServer } from './running';

export interface DynamoOptions {
  /** 0 or absent picks a free port. */
  port?: number;
  /** LevelDB directory that keeps tables across restarts; in memory when absent. */
  dataDir?: string;
}

/** DynamoDB on loopback (dynalite). No TTL, no transactions: see ARCHITECTURE.md, "Known limits". */
export async function startDynamo(options: DynamoOptions = {}): Promise<RunningService> {
  if (options.dataDir !== undefined) await mkdir(options.dataDir, { recursive: true });
  const server = dynalite(options.dataDir === undefined ? {} : { path: options.dataDir });
  try {
    await listenOnLoopback(server, options.port ?? 0);
  } catch (error) {
    // dynalite closes its LevelDB only from close() of a listening server; without that the
    // directory stays locked for this process. Listen anywhere, then close properly.
    await listenOnLoopback(server, 0);
    await runningServer(server).stop();
    throw error;
  }
  // dynalite's own close() also closes LevelDB, so a restart on the same directory can open it.
  return runningServer(server);
}
