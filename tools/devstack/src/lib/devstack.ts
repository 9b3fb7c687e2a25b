import { contractOperations } from '@enclave/api-contract';
import { enclaveTableDefinitions } from '@enclave/metadata';
import {
  ensureBucket,
  ensureTables,
  hostEventHandler,
  LOCAL_ACCESS_KEY_ID,
  LOCAL_SECRET_ACCESS_KEY,
  routeTable,
  type RunningService,
  startGateway,
  startStaticSite,
} from '@enclave/local-stack';
import { ensureAliasedKey } from '@enclave/local-kms';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type BannerLine, formatBanner } from './banner';
import { type ChildService, spawnService, waitForHealth } from './child-service';
import { type Log, prefixed } from './log';
import { assertPortsFree, withPortHint } from './port-check';
import {
  PORTAL_META,
  serviceEnv,
  sharedKeyAlias,
  type StackResources,
} from '@enclave/service-registry';
import { inheritedEnv } from './service-env';
import { type DevstackSettings, allPorts } from './settings';
import { startStandIns } from './stand-ins';
import { scheduleJob } from './job-schedule';

export interface RunningDevstack {
  banner: string;
  /** Gateway, then the service processes, then the stand-ins (last started, first stopped). */
  stop(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 20_000;

/** Names per-user key aliases (`alias/enclave/local/user/…`) and the shared key's alias. */
const STAGE = 'local';

function describeKmsMode(mode: DevstackSettings['kmsMode']): string {
  switch (mode) {
    case 's3':
      return 'SSE-S3, keys S3 holds';
    case 'shared':
      return `SSE-KMS with one shared key (${sharedKeyAlias(STAGE)})`;
    case 'per_user':
      return "SSE-KMS with a key of each user's own, made on their first upload";
  }
}

/**
 * Starts the whole local product. On any failure everything already started is stopped again
 * before the error is rethrown, so a failed start leaves no process or port behind.
 */
export async function startDevstack(
  settings: DevstackSettings,
  log: Log = prefixed('devstack'),
): Promise<RunningDevstack> {
  // Stop functions, in start order; run backwards.
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async (): Promise<void> => {
    stopping = true;
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((error: unknown) =>
        log(`error while stopping: ${(error as Error).message}`),
      );
    }
  };

  try {
    // The routes come from the generated contract (CI keeps it equal to openapi.yaml).
    const routes = routeTable(contractOperations());
    const runnable = settings.services.filter((service) => {
      if (existsSync(service.bundle)) return true;
      log(
        `skipping ${service.name}: ${relative(settings.root, service.bundle)} is not built (nx run ${service.name}-api:build)`,
      );
      return false;
    });
    await assertPortsFree(
      allPorts(settings).filter(
        (port) =>
          !settings.services.some(
            (service) => service.port === port && !runnable.includes(service),
          ),
      ),
    );

    const standIns = await startStandIns(settings, (service: RunningService) =>
      stops.push(() => service.stop()),
    );
    const relativeDataDir = relative(settings.root, settings.dataDir);
    const shownDataDir = relativeDataDir.startsWith('..') ? settings.dataDir : relativeDataDir;
    log(`stand-ins up; data in ${shownDataDir}`);

    await ensureBucket({
      endpoint: standIns.s3.endpoint,
      bucket: settings.bucket,
      corsOrigins: settings.corsOrigins,
    });
    const portalBuilt = existsSync(join(settings.portal.root, 'index.html'));
    const stack: StackResources = {
      region: settings.region,
      credentials: { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY },
      endpoints: {
        s3: standIns.s3.endpoint,
        dynamodb: standIns.dynamodb.endpoint,
        ses: standIns.ses.endpoint,
        kms: standIns.kms.endpoint,
      },
      bucket: settings.bucket,
      tables: {
        files: settings.filesTable,
        shares: settings.sharesTable,
        keys: settings.keysTable,
      },
      encryption: {
        kmsMode: settings.kmsMode,
        sharedKeyId:
          settings.kmsMode === 'shared'
            ? await ensureAliasedKey(standIns.kms.endpoint, sharedKeyAlias(STAGE))
            : undefined,
      },
      stage: STAGE,
      // The portal serves the public share page; without a built portal, the gateway does.
      shareLinkBase: `http://127.0.0.1:${portalBuilt ? settings.portal.port.port : settings.gateway.port}`,
      authEndpoint: standIns.auth.endpoint,
      logLevel: settings.logLevel,
      corsOrigins: settings.corsOrigins,
    };
    await ensureTables({
      endpoint: standIns.dynamodb.endpoint,
      tables: enclaveTableDefinitions(stack.tables),
    });

    const upstreams = new Map<string, string>();
    const children: { child: ChildService; endpoint: string }[] = [];
    for (const service of runnable) {
      const endpoint = `http://127.0.0.1:${service.port.port}`;
      const env = {
        ...inheritedEnv(process.env),
        ...serviceEnv(service.service, stack, { host: '127.0.0.1', port: service.port.port }),
      };
      const child = spawnService({
        name: service.name,
        bundle: service.bundle,
        env,
        log: prefixed(service.name),
      });
      stops.push(() => child.stop());
      upstreams.set(service.name, endpoint);
      children.push({ child, endpoint });
      void child.exited.then((code) => {
        // The gateway keeps answering 503 for it; the rest of the stack stays usable.
        if (upstreams.delete(service.name) && !stopping)
          log(`${service.name} exited (${code}); its routes answer 503`);
      });
    }

    for (const service of runnable) {
      for (const { job, bundle, intervalSeconds } of service.jobs) {
        if (!existsSync(bundle)) continue;
        stops.push(
          scheduleJob({
            name: job.name,
            bundle,
            env: { ...inheritedEnv(process.env), ...serviceEnv(service.service, stack) },
            intervalMs: intervalSeconds * 1000,
            log: prefixed(job.name),
          }),
        );
      }
    }

    // The bucket's event notifications, as AWS would deliver them to each subscribed Lambda.
    for (const service of runnable) {
      for (const { handler, bundle } of service.eventHandlers) {
        if (!existsSync(bundle)) continue;
        const host = hostEventHandler({
          name: handler.name,
          bundle,
          env: { ...inheritedEnv(process.env), ...serviceEnv(service.service, stack) },
          log: prefixed(handler.name),
        });
        const unsubscribe = standIns.s3.onObjectCreated((event) => host.deliver(event));
        stops.push(async () => {
          unsubscribe();
          await host.stop();
        });
      }
    }

    const gateway = await startGateway({
      port: settings.gateway.port,
      routes,
      upstreams,
      corsOrigins: settings.corsOrigins,
      // Links made before the portal was built point here, so the gateway keeps their page.
      sharePage: true,
      log: prefixed('gateway'),
    });
    stops.push(() => gateway.stop());

    // The portal, when built: what a person opens first.
    const portal = portalBuilt
      ? await withPortHint(settings.portal.port, () =>
          startStaticSite({
            root: settings.portal.root,
            port: settings.portal.port.port,
            // The portal was built for the usual ports; these follow the ones given here.
            meta: {
              [PORTAL_META.authUrl]: standIns.auth.endpoint,
              [PORTAL_META.fileUrl]: gateway.endpoint,
            },
          }),
        )
      : undefined;
    if (portal) stops.push(() => portal.stop());

    const health = await Promise.all(
      children.map(({ child, endpoint }) => waitForHealth(endpoint, child, HEALTH_TIMEOUT_MS)),
    );

    const lines: BannerLine[] = [
      portal
        ? { label: 'portal', url: portal.endpoint, note: 'open this: sign up, upload, share' }
        : { label: 'portal', url: '-', note: 'not built (npx nx run web:build), skipped' },
      {
        label: 'API gateway',
        url: gateway.endpoint,
        note: 'routes from openapi.yaml',
      },
      ...children.map(({ child, endpoint }, i) => ({
        label: `${child.name} service`,
        url: endpoint,
        note: health[i] ? undefined : 'NOT answering /health: see its output above',
      })),
      ...settings.services
        .filter((service) => !runnable.includes(service))
        .map((service) => ({
          label: `${service.name} service`,
          url: '-',
          note: 'not built, skipped',
        })),
      { label: 'auth service', url: standIns.auth.endpoint },
      {
        label: 'S3',
        url: standIns.s3.endpoint,
        note: `bucket ${settings.bucket}; key/secret ${LOCAL_ACCESS_KEY_ID}`,
      },
      {
        label: 'DynamoDB',
        url: standIns.dynamodb.endpoint,
        note: `tables ${settings.filesTable}, ${settings.sharesTable}, ${settings.keysTable}`,
      },
      { label: 'KMS', url: standIns.kms.endpoint, note: 'local stand-in' },
      { label: 'SES', url: standIns.ses.endpoint },
      { label: 'mailbox viewer', url: `${standIns.ses.endpoint}/` },
    ];
    const banner = formatBanner('Enclave local stack is up', lines, [
      `Encryption: ${describeKmsMode(settings.kmsMode)} (KMS_MODE=${settings.kmsMode}).`,
      `Ctrl-C stops everything; data stays in ${shownDataDir}/.`,
    ]);
    return { banner, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
