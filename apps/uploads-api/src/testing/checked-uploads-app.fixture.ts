import type { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@enclave/service-kit';
import { startCheckedEndpoint, stopAll } from '@enclave/testing';
import { uploadsService } from '../uploads.service';

export interface CheckedUploadsApp {
  app: INestApplication;
  /**
   * The base URL tests call: a contract-checking proxy in front of the app, so every answer the
   * suite receives is held to openapi.yaml (issue 12), not just the ones a test asserts on.
   */
  baseUrl: string;
  /** Closes the proxy and the app, then throws every answer openapi.yaml does not allow. */
  stop(): Promise<void>;
}

/** The uploads service in-process on a free loopback port, configured by `env`, behind the check. */
export async function startCheckedUploadsApp(
  env: Record<string, string>,
): Promise<CheckedUploadsApp> {
  const app = await createServiceApp(uploadsService, uploadsService.loadConfig(env));
  await app.listen(0, '127.0.0.1');
  const checked = await startCheckedEndpoint(
    (await app.getUrl()).replace('[::1]', '127.0.0.1'),
    'uploads-api',
  ).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  return { app, baseUrl: checked.endpoint, stop: () => stopAll([checked, app]) };
}
