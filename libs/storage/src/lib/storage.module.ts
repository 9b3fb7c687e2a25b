import { type DynamicModule, Module } from '@nestjs/common';
import { FileStorage } from './file-storage';
import { STORAGE_OPTIONS, type StorageOptions } from './storage-options';

@Module({})
export class StorageModule {
  static forRoot(options: StorageOptions): DynamicModule {
    return {
      module: StorageModule,
      global: true,
      providers: [{ provide: STORAGE_OPTIONS, useValue: options }, FileStorage],
      exports: [FileStorage],
    };
  }
}
