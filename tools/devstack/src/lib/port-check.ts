import { listenOnLoopback, LOOPBACK } from '@enclave/local-stack';
import { createServer } from 'node:http';
import type { PortSetting } from './settings';

/** The message for a port that is taken, naming the variable that moves it. */
export const portTakenMessage = ({ label, variable, port }: PortSetting): string =>
  `port ${port} (${label}) is already in use on ${LOOPBACK}: stop what uses it, or set ${variable} to a free port`;

async function isFree(port: number): Promise<boolean> {
  const probe = createServer();
  try {
    await listenOnLoopback(probe, port);
    return true;
  } catch {
    return false;
  } finally {
    await new Promise<void>((resolve) =>
      probe.listening ? probe.close(() => resolve()) : resolve(),
    );
  }
}

/**
 * Fails before anything starts when a port is taken, listing every taken one, so a second
 * `npm start` or a stray process gives one clear message rather than a half-started stack.
 */
export async function assertPortsFree(ports: readonly PortSetting[]): Promise<void> {
  const taken: PortSetting[] = [];
  for (const setting of ports) if (!(await isFree(setting.port))) taken.push(setting);
  if (taken.length) throw new Error(taken.map(portTakenMessage).join('\n'));
}

/** Runs `start`, turning EADDRINUSE (a port taken since the check) into the same clear message. */
export async function withPortHint<T>(setting: PortSetting, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(portTakenMessage(setting));
    throw error;
  }
}
