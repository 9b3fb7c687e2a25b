import { type DynamicModule, Module } from '@nestjs/common';
import { FileRemoval, REMOVAL_SETTINGS, type RemovalSettings } from './file-removal';

/** Provides FileRemoval; needs MetadataModule and StorageModule (both global) in the app. */
@Module({})
export class FileRemovalModule {
  static forRoot(settings: RemovalSettings): DynamicModule {
    return {
      module: FileRemovalModule,
      providers: [{ provide: REMOVAL_SETTINGS, useValue: settings }, FileRemoval],
      exports: [FileRemoval],
    };
  }
}
