import { lambdaHandler } from '@enclave/service-kit';
import { uploadsService } from './uploads.service';

export const handler = lambdaHandler(uploadsService);
