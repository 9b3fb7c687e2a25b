import type { INestApplication } from '@nestjs/common';
import { createHttpApp } from '@enclave/service-kit';
import type { UploadsConfig } from '../config';
import type { Clock } from '../files/files-settings';
import { AppModule } from './app.module';

export function createUploadsApp(config: UploadsConfig, clock?: Clock): Promise<INestApplication> {
  return createHttpApp(AppModule.forRoot(config, clock), {
    corsOrigins: config.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  });
}
