import { LOCAL_REGION } from '@enclave/local-stack';
import { join, resolve } from 'node:path';
import {
  type RegisteredService,
  type ServiceEventHandler,
  PORTAL,
  type ServiceJob,
  SERVICES,
} from '@enclave/service-registry';

/** A port devstack binds, with the env variable that moves it (named in every port error). */
export interface PortSetting {
  label: string;
  variable: string;
  port: number;
}

export interface ServiceSetting {
  service: RegisteredService;
  name: string;
  port: PortSetting;
  /** Absolute path of the service's HTTP bundle. */
  bundle: string;
  jobs: JobSetting[];
  eventHandlers: EventHandlerSetting[];
}

export interface EventHandlerSetting {
  handler: ServiceEventHandler;
  /** Absolute path of the handler's bundle. */
  bundle: string;
}

export interface JobSetting {
  job: ServiceJob;
  /** Absolute path of the job's bundle. */
  bundle: string;
  intervalSeconds: number;
}

export interface DevstackSettings {
  root: string;
  dataDir: string;
  region: string;
  bucket: string;
  filesTable: string;
  sharesTable: string;
  keysTable: string;
  /** KMS_MODE: how the services encrypt files (`shared` mode's key is made at the local KMS). */
  kmsMode: KmsMode;
  logLevel: string;
  corsOrigins: string[];
  gateway: PortSetting;
  auth: PortSetting;
  s3: PortSetting;
  dynamodb: PortSetting;
  ses: PortSetting;
  kms: PortSetting;
  services: ServiceSetting[];
  /** The portal's built site, served when it has been built. */
  portal: { port: PortSetting; root: string };
}

export type KmsMode = 's3' | 'shared' | 'per_user';
const KMS_MODES: readonly KmsMode[] = ['s3', 'shared', 'per_user'];

function kmsMode(env: Env): KmsMode {
  const text = env['KMS_MODE'] || 's3';
  if (!(KMS_MODES as readonly string[]).includes(text))
    throw new Error(`KMS_MODE=${text} is not one of ${KMS_MODES.join(', ')}`);
  return text as KmsMode;
}

type Env = Record<string, string | undefined>;

function port(env: Env, label: string, variable: string, fallback: number): PortSetting {
  const text = env[variable];
  if (text === undefined || text === '') return { label, variable, port: fallback };
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${variable}=${text} is not a port number (1-65535)`);
  }
  return { label, variable, port: value };
}

function positiveInteger(env: Env, variable: string, fallback: number): number {
  const text = env[variable];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${variable}=${text} is not a whole number of seconds`);
  return value;
}

export const portVariable = (service: string): string => `ENCLAVE_${service.toUpperCase()}_PORT`;

/** Every port devstack binds, for checking them all before anything starts. */
export function allPorts(settings: DevstackSettings): PortSetting[] {
  const { gateway, auth, s3, dynamodb, ses, kms, services, portal } = settings;
  return [
    portal.port,
    gateway,
    auth,
    s3,
    dynamodb,
    ses,
    kms,
    ...services.map((service) => service.port),
  ];
}

/** The browser origins the API and the buckets answer: CORS_ORIGINS, else the portal's own. */
function corsOrigins(env: Env, portalPort: number): string[] {
  const given =
    env['CORS_ORIGINS'] || `http://localhost:${portalPort},http://127.0.0.1:${portalPort}`;
  return given
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}

/**
 * Settings from the environment; defaults are the ports in ARCHITECTURE.md ("Local stack") and
 * data under `<root>/.enclave`, which survives restarts. Throws on a malformed or repeated port.
 */
export function readSettings(env: Env, root: string): DevstackSettings {
  const dataDir = resolve(root, env['ENCLAVE_DATA_DIR'] || '.enclave');
  const portalPort = port(env, 'portal', portVariable(PORTAL.name), PORTAL.defaultPort);
  const settings: DevstackSettings = {
    root,
    dataDir,
    region: LOCAL_REGION,
    bucket: 'enclave-files-local',
    filesTable: 'enclave-files',
    sharesTable: 'enclave-shares',
    keysTable: 'enclave-keys',
    kmsMode: kmsMode(env),
    logLevel: env['LOG_LEVEL'] || 'info',
    corsOrigins: corsOrigins(env, portalPort.port),
    gateway: port(env, 'API gateway', 'ENCLAVE_GATEWAY_PORT', 3000),
    auth: port(env, 'auth service', 'ENCLAVE_AUTH_PORT', 3100),
    s3: port(env, 'S3', 'ENCLAVE_S3_PORT', 4568),
    dynamodb: port(env, 'DynamoDB', 'ENCLAVE_DYNAMODB_PORT', 4567),
    ses: port(env, 'SES', 'ENCLAVE_SES_PORT', 8005),
    kms: port(env, 'KMS', 'ENCLAVE_KMS_PORT', 4599),
    portal: {
      port: portalPort,
      root: join(root, PORTAL.root),
    },
    // One entry per registered service; its jobs run on their own timers.
    services: SERVICES.map((service) => ({
      service,
      name: service.name,
      port: port(env, `${service.name} service`, portVariable(service.name), service.defaultPort),
      bundle: join(root, service.bundles.http),
      jobs: service.jobs.map((job) => ({
        job,
        bundle: join(root, job.bundle),
        intervalSeconds: positiveInteger(env, job.intervalVariable, job.everySeconds),
      })),
      eventHandlers: service.eventHandlers.map((handler) => ({
        handler,
        bundle: join(root, handler.bundle),
      })),
    })),
  };

  const seen = new Map<number, PortSetting>();
  for (const setting of allPorts(settings)) {
    const other = seen.get(setting.port);
    if (other) {
      throw new Error(
        `${other.variable} and ${setting.variable} both name port ${setting.port}: change one of them`,
      );
    }
    seen.set(setting.port, setting);
  }
  return settings;
}

/** Where each stand-in keeps its data. */
export const dataPaths = (settings: DevstackSettings) => ({
  s3: join(settings.dataDir, 's3'),
  dynamodb: join(settings.dataDir, 'dynamodb'),
  authUsers: join(settings.dataDir, 'auth', 'users.json'),
  kms: join(settings.dataDir, 'kms'),
});
