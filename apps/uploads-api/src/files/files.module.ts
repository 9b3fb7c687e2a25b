import { type DynamicModule, Module } from '@nestjs/common';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { CLOCK, type Clock, FILES_SETTINGS, type FilesSettings } from './files-settings';

@Module({})
export class FilesModule {
  static forRoot(settings: FilesSettings, clock: Clock = () => new Date()): DynamicModule {
    return {
      module: FilesModule,
      controllers: [FilesController],
      providers: [
        FilesService,
        { provide: FILES_SETTINGS, useValue: settings },
        { provide: CLOCK, useValue: clock },
      ],
    };
  }
}
