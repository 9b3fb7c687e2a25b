import sesServer from 'aws-ses-v2-local';
import { LOOPBACK, type RunningService, runningServer } from './running';

export interface SesOptions {
  /** 0 picks a free port. */
  port?: number;
}

/**
 * aws-ses-v2-local: SES v1/v2 API, `/store` JSON of sent mail, and a mailbox viewer at `/`.
 * It binds every interface unless told otherwise, so the host is always loopback.
 */
export async function startSes(options: SesOptions = {}): Promise<RunningService> {
  const server = await sesServer({ host: LOOPBACK, port: options.port ?? 0 });
  return runningServer(server);
}
