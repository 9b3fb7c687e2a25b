import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app/app.module';
import { loadUploadsConfig } from './config';
import { AbandonedUploadsSweeper } from './files/abandoned-uploads.sweeper';

/** Removes abandoned uploads once. On AWS a schedule invokes `handler`; locally, run this file. */
export async function sweepAbandonedUploads(env = process.env): Promise<{ removed: number }> {
  const context = await NestFactory.createApplicationContext(
    AppModule.forRoot(loadUploadsConfig(env)),
    {
      logger: ['error', 'warn'],
      abortOnError: false,
    },
  );
  try {
    return { removed: await context.get(AbandonedUploadsSweeper).sweep() };
  } finally {
    await context.close();
  }
}

export const handler = (): Promise<{ removed: number }> => sweepAbandonedUploads();

if (require.main === module) {
  sweepAbandonedUploads().then(
    ({ removed }) => console.log(`removed ${removed} abandoned upload(s)`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
