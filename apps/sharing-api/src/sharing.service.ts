import { awsCallLimits, awsCredentials } from '@enclave/config';
import { MailerModule } from '@enclave/mailer';
import { MetadataModule, metadataSettings } from '@enclave/metadata';
import { defineService } from '@enclave/service-kit';
import { StorageModule, storageSettings } from '@enclave/storage';
import { sharingConfigSchema } from './config';
import { SharesModule } from './shares/shares.module';
import type { Clock } from './shares/sharing-settings';

/**
 * The sharing service: e-mail shares, share links and their public resolution. Tests pass a
 * clock they can move (expiry); everything else runs on the real one.
 */
export const defineSharingService = (clock: Clock = () => new Date()) =>
  defineService({
    name: 'sharing',
    configSchema: sharingConfigSchema,
    imports: (config) => [
      StorageModule.forRoot(storageSettings(config)),
      MetadataModule.forRoot(metadataSettings(config)),
      MailerModule.forRoot({
        region: config.AWS_REGION,
        endpoint: config.SES_ENDPOINT,
        credentials: awsCredentials(config),
        limits: awsCallLimits(config),
        from: config.SES_FROM_ADDRESS,
      }),
      SharesModule.forRoot(
        {
          linkBase: config.SHARE_LINK_BASE,
          defaultExpiresSeconds: config.SHARE_DEFAULT_EXPIRES_SECONDS,
          maxExpiresSeconds: config.SHARE_MAX_EXPIRES_SECONDS,
          downloadUrlExpiresSeconds: config.SHARE_DOWNLOAD_URL_EXPIRES_SECONDS,
          emailsPerUserPerHour: config.SHARE_EMAILS_PER_USER_PER_HOUR,
          passwordAttempts: config.SHARE_PASSWORD_ATTEMPTS,
          passwordWindowSeconds: config.SHARE_PASSWORD_WINDOW_SECONDS,
          retentionSeconds: config.SHARE_RETENTION_SECONDS,
        },
        clock,
      ),
    ],
  });

export const sharingService = defineSharingService();
