import { ConfigError } from '@enclave/config';
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';

// S3's own naming rules for general-purpose buckets, so a bad name fails before synth, not at apply.
const BUCKET_NAME = /^(?!xn--)(?!.*\.\.)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const ORIGIN = /^https?:\/\/[^/?#\s]+$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const domain = z
  .string()
  .check(z.regex(DOMAIN, 'must be a lowercase domain name such as files.example.com'));

/**
 * What one deployment of Enclave needs to know: the variables of the original's Terraform, plus
 * the stage that names every resource. Read from `enclave.config.json` (see the README's "Deploy
 * to AWS"); validated once, before anything is synthesized.
 */
export const deploySettingsSchema = z.strictObject({
  /** Names every resource and tags per-user keys (`enclave:stage`); letters, digits, hyphens. */
  stage: z._default(
    z
      .string()
      .check(
        z.regex(
          /^[a-z][a-z0-9-]{0,19}$/,
          'must be 1–20 lowercase letters, digits or hyphens, starting with a letter',
        ),
      ),
    'prod',
  ),
  region: z._default(
    z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-1')),
    'us-east-1',
  ),
  /** The auth microservice the guard calls (`{auth_endpoint}/v1/userinfo`). */
  auth_endpoint: z.url({ protocol: /^https$/, error: 'must be an https URL' }),
  files_bucket_name: z
    .string()
    .check(
      z.regex(
        BUCKET_NAME,
        'must be 3–63 lowercase letters, digits, dots or hyphens, as S3 names buckets',
      ),
    ),
  /** The SES-verified identity share e-mails are sent from. */
  sender_email: z.email({ error: 'must be an e-mail address (an identity verified in SES)' }),
  /** Browser origins allowed to call the API and PUT to the bucket; the portal's own is added. */
  allowed_origins: z._default(
    z.array(
      z
        .string()
        .check(z.regex(ORIGIN, 'must be an origin such as https://files.example.com (no path)')),
    ),
    [],
  ),
  kms_mode: z._default(z.enum(['s3', 'shared', 'per_user']), 's3'),
  /** Optional custom domains, each with a certificate from ACM and an alias in this hosted zone. */
  api_domain: z.optional(domain),
  portal_domain: z.optional(domain),
  hosted_zone: z.optional(domain),
});

export type DeploySettings = z.infer<typeof deploySettingsSchema>;

/** Parses settings, naming every problem by its field (`files_bucket_name: must be …`). */
export function parseDeploySettings(raw: unknown, source = 'enclave.config.json'): DeploySettings {
  const result = z.safeParse(
    z.pipe(
      deploySettingsSchema,
      z.transform((settings, context) => {
        if (settings.api_domain && settings.api_domain === settings.portal_domain) {
          context.issues.push({
            code: 'custom',
            path: ['api_domain'],
            message: 'must differ from portal_domain (each name has its own certificate and alias)',
            input: settings,
          });
        }
        const zone = settings.hosted_zone;
        for (const field of ['api_domain', 'portal_domain'] as const) {
          const name = settings[field];
          if (name && zone && name !== zone && !name.endsWith(`.${zone}`)) {
            context.issues.push({
              code: 'custom',
              path: [field],
              message: `must be ${zone} or a name under it (its records go in hosted_zone)`,
              input: settings,
            });
          }
        }
        const custom = [settings.api_domain, settings.portal_domain].some(Boolean);
        if (custom && !settings.hosted_zone) {
          context.issues.push({
            code: 'custom',
            path: ['hosted_zone'],
            message: 'is needed with api_domain or portal_domain (their aliases go there)',
            input: settings,
          });
        }
        return settings;
      }),
    ),
    raw,
  );
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map(
      (issue) => `${source}: ${issue.path.join('.') || '(file)'}: ${issue.message}`,
    ),
  );
}

/** Reads and parses the settings file; a missing or malformed file is named as such. */
export function readDeploySettings(path: string): DeploySettings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError([`${path}: not found (copy enclave.config.example.json and fill it in)`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`${path}: not valid JSON (${(error as Error).message})`]);
  }
  return parseDeploySettings(raw, path);
}
