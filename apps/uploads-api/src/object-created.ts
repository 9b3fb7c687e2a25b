import { eventHandler } from '@enclave/service-kit';
import type { S3Event } from 'aws-lambda';
import { StrayObjects } from './files/stray-objects';
import { uploadsService } from './uploads.service';

// The bucket's ObjectCreated:* notifications (on AWS; devstack feeds the local S3's the same way).
export const handler = eventHandler(
  uploadsService,
  (app, event: S3Event) => app.get(StrayObjects).onS3Event(event),
  module,
);
