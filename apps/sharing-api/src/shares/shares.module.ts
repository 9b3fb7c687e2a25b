import { type DynamicModule, Module } from '@nestjs/common';
import { EmailShares } from './owner/email-shares.service';
import { OwnerSharesController } from './owner/owner-shares.controller';
import { ShareLinks } from './owner/share-links.service';
import { ShareManagement } from './owner/share-management.service';
import { PublicSharesController } from './public/public-shares.controller';
import { ShareResolution } from './public/share-resolution.service';
import { CLOCK, type Clock, SHARING_SETTINGS, type SharingSettings } from './sharing-settings';

/** Owners share, list, change and revoke; anyone holding a link resolves it. */
@Module({})
export class SharesModule {
  static forRoot(settings: SharingSettings, clock: Clock = () => new Date()): DynamicModule {
    return {
      module: SharesModule,
      controllers: [OwnerSharesController, PublicSharesController],
      providers: [
        EmailShares,
        ShareLinks,
        ShareManagement,
        ShareResolution,
        { provide: SHARING_SETTINGS, useValue: settings },
        { provide: CLOCK, useValue: clock },
      ],
    };
  }
}
