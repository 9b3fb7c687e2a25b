import { type DynamicModule, Module } from '@nestjs/common';
import { FileRemovalModule } from '@enclave/file-removal';
import { AbandonedUploadsSweeper } from './abandoned-uploads.sweeper';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { CLOCK, type Clock, FILES_SETTINGS, type FilesSettings } from './files-settings';
import { MultipartUploadsService } from './multipart-uploads.service';
import { StrayObjects } from './stray-objects';

@Module({})
export class FilesModule {
  static forRoot(settings: FilesSettings, clock: Clock = () => new Date()): DynamicModule {
    return {
      module: FilesModule,
      imports: [
        FileRemovalModule.forRoot({ deletedRetentionSeconds: settings.deletedRetentionSeconds }),
      ],
      controllers: [FilesController],
      providers: [
        FilesService,
        MultipartUploadsService,
        AbandonedUploadsSweeper,
        StrayObjects,
        { provide: FILES_SETTINGS, useValue: settings },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [AbandonedUploadsSweeper, StrayObjects],
    };
  }
}
