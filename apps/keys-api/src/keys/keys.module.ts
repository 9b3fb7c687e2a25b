import { type DynamicModule, Module } from '@nestjs/common';
import { FileRemovalModule } from '@enclave/file-removal';
import { CryptoShred } from './crypto-shred.service';
import { KeysController } from './keys.controller';
import { KeyStatusService } from './key-status.service';

/** A user's key: its status, making sure it exists, and crypto-shredding it with every file. */
@Module({})
export class KeysModule {
  static forRoot(settings: { deletedRetentionSeconds: number }): DynamicModule {
    return {
      module: KeysModule,
      imports: [
        FileRemovalModule.forRoot({ deletedRetentionSeconds: settings.deletedRetentionSeconds }),
      ],
      controllers: [KeysController],
      providers: [KeyStatusService, CryptoShred],
    };
  }
}
