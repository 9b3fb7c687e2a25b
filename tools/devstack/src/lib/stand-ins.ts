import { startLocalAuth } from '@enclave/local-auth';
import { type RunningKms, startLocalKms } from '@enclave/local-kms';
import {
  type RunningS3,
  type RunningService,
  startDynamo,
  startS3,
  startSes,
} from '@enclave/local-stack';
import { withPortHint } from './port-check';
import { dataPaths, type DevstackSettings } from './settings';

export interface StandIns {
  ses: RunningService;
  s3: RunningS3;
  dynamodb: RunningService;
  auth: RunningService;
  kms: RunningKms;
}

/**
 * Starts the stand-ins in dependency order (auth mails through SES). `started` receives each
 * one as soon as it runs, so the caller can stop them if a later one fails.
 */
export async function startStandIns(
  settings: DevstackSettings,
  started: (service: RunningService) => void,
): Promise<StandIns> {
  const paths = dataPaths(settings);
  const track = async <T extends RunningService>(service: Promise<T>): Promise<T> => {
    const running = await service;
    started(running);
    return running;
  };
  const ses = await track(withPortHint(settings.ses, () => startSes({ port: settings.ses.port })));
  const s3 = await track(
    withPortHint(settings.s3, () => startS3({ port: settings.s3.port, dataDir: paths.s3 })),
  );
  const dynamodb = await track(
    withPortHint(settings.dynamodb, () =>
      startDynamo({ port: settings.dynamodb.port, dataDir: paths.dynamodb }),
    ),
  );
  const auth = await track(
    withPortHint(settings.auth, () =>
      startLocalAuth({
        port: settings.auth.port,
        dataFile: paths.authUsers,
        sesEndpoint: ses.endpoint,
        sesRegion: settings.region,
      }),
    ),
  );
  const kms = await track(
    withPortHint(settings.kms, () =>
      startLocalKms({ port: settings.kms.port, dataDir: paths.kms, region: settings.region }),
    ),
  );
  return { ses, s3, dynamodb, auth, kms };
}
