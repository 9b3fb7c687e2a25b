import { lambdaHandler } from '@enclave/service-kit';
import { sharingService } from './sharing.service';

export const handler = lambdaHandler(sharingService);
