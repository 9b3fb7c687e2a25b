import { type DynamicModule, Module } from '@nestjs/common';
import { FilesRepository } from './files.repository';
import { METADATA_OPTIONS, type MetadataOptions } from './metadata-options';

@Module({})
export class MetadataModule {
  static forRoot(options: MetadataOptions): DynamicModule {
    return {
      module: MetadataModule,
      global: true,
      providers: [{ provide: METADATA_OPTIONS, useValue: options }, FilesRepository],
      exports: [FilesRepository],
    };
  }
}
