import { scheduledJob } from '@enclave/service-kit';
import { AbandonedUploadsSweeper } from './files/abandoned-uploads.sweeper';
import { uploadsService } from './uploads.service';

export const handler = scheduledJob(
  uploadsService,
  (app) => app.get(AbandonedUploadsSweeper).sweep(),
  module,
);
